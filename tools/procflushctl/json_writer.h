/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small streaming JSON writer.  The API follows the shape of the one
 * bpftool uses: open an object or array, name a member, write a value,
 * and the writer takes care of commas, indentation and escaping.
 */
#ifndef PFC_JSON_WRITER_H
#define PFC_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json_writer;

struct json_writer *jsonw_new(FILE *f);
void jsonw_destroy(struct json_writer **self);
void jsonw_pretty(struct json_writer *self, bool on);
int jsonw_error(const struct json_writer *self);

void jsonw_name(struct json_writer *self, const char *name);
void jsonw_start_object(struct json_writer *self);
void jsonw_end_object(struct json_writer *self);
void jsonw_start_array(struct json_writer *self);
void jsonw_end_array(struct json_writer *self);

void jsonw_string(struct json_writer *self, const char *val);
void jsonw_string_len(struct json_writer *self, const char *val, size_t len);
void jsonw_bool(struct json_writer *self, bool val);
void jsonw_null(struct json_writer *self);
void jsonw_uint(struct json_writer *self, uint64_t val);
void jsonw_int(struct json_writer *self, int64_t val);
void jsonw_float(struct json_writer *self, double val);

void jsonw_string_field(struct json_writer *self, const char *name,
			const char *val);
void jsonw_bool_field(struct json_writer *self, const char *name, bool val);
void jsonw_uint_field(struct json_writer *self, const char *name,
		      uint64_t val);
void jsonw_int_field(struct json_writer *self, const char *name,
		     int64_t val);
void jsonw_float_field(struct json_writer *self, const char *name,
		       double val);
void jsonw_null_field(struct json_writer *self, const char *name);

void json_escape(FILE *f, const char *s, size_t len);

#endif /* PFC_JSON_WRITER_H */
