// SPDX-License-Identifier: GPL-2.0-only
/*
 * Streaming JSON writer with RFC 8259 string escaping.  Bytes that are
 * not valid UTF-8 (kernel log lines may carry anything) are written as
 * U+FFFD so that the output always parses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

#define JSONW_MAX_DEPTH	32

struct json_writer {
	FILE *out;
	unsigned int depth;
	bool pretty;
	bool err;
	bool need_comma[JSONW_MAX_DEPTH + 1];
	bool after_name;
};

struct json_writer *jsonw_new(FILE *f)
{
	struct json_writer *self = calloc(1, sizeof(*self));

	if (!self)
		return NULL;
	self->out = f;
	return self;
}

void jsonw_destroy(struct json_writer **self)
{
	if (!self || !*self)
		return;
	fputc('\n', (*self)->out);
	fflush((*self)->out);
	free(*self);
	*self = NULL;
}

void jsonw_pretty(struct json_writer *self, bool on)
{
	self->pretty = on;
}

int jsonw_error(const struct json_writer *self)
{
	return self->err || ferror(self->out);
}

static void jsonw_indent(struct json_writer *self)
{
	unsigned int i;

	if (!self->pretty)
		return;
	fputc('\n', self->out);
	for (i = 0; i < self->depth; i++)
		fputs("  ", self->out);
}

/* Called before any value or name: emit separator and indentation */
static void jsonw_sep(struct json_writer *self)
{
	if (self->after_name) {
		self->after_name = false;
		return;
	}
	if (self->need_comma[self->depth])
		fputc(',', self->out);
	if (self->depth)
		jsonw_indent(self);
	self->need_comma[self->depth] = true;
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 if invalid */
static size_t utf8_seq_len(const unsigned char *s, size_t left)
{
	unsigned int cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void json_escape(FILE *f, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	fputc('"', f);
	while (i < len) {
		unsigned char c = s[i];

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(f, "\\u%04x", c);
				break;
			}
			n = utf8_seq_len(s + i, len - i);
			if (!n) {
				fputs("\\ufffd", f);
				break;
			}
			fwrite(s + i, 1, n, f);
			i += n;
			continue;
		}
		i++;
	}
	fputc('"', f);
}

void jsonw_name(struct json_writer *self, const char *name)
{
	jsonw_sep(self);
	json_escape(self->out, name, strlen(name));
	fputs(self->pretty ? ": " : ":", self->out);
	self->after_name = true;
}

static void jsonw_open(struct json_writer *self, char c)
{
	jsonw_sep(self);
	fputc(c, self->out);
	if (self->depth >= JSONW_MAX_DEPTH) {
		self->err = true;
		return;
	}
	self->depth++;
	self->need_comma[self->depth] = false;
}

static void jsonw_close(struct json_writer *self, char c)
{
	bool had_members;

	if (!self->depth) {
		self->err = true;
		return;
	}
	had_members = self->need_comma[self->depth];
	self->depth--;
	if (had_members)
		jsonw_indent(self);
	fputc(c, self->out);
}

void jsonw_start_object(struct json_writer *self)
{
	jsonw_open(self, '{');
}

void jsonw_end_object(struct json_writer *self)
{
	jsonw_close(self, '}');
}

void jsonw_start_array(struct json_writer *self)
{
	jsonw_open(self, '[');
}

void jsonw_end_array(struct json_writer *self)
{
	jsonw_close(self, ']');
}

void jsonw_string_len(struct json_writer *self, const char *val, size_t len)
{
	jsonw_sep(self);
	json_escape(self->out, val, len);
}

void jsonw_string(struct json_writer *self, const char *val)
{
	if (!val) {
		jsonw_null(self);
		return;
	}
	jsonw_string_len(self, val, strlen(val));
}

void jsonw_bool(struct json_writer *self, bool val)
{
	jsonw_sep(self);
	fputs(val ? "true" : "false", self->out);
}

void jsonw_null(struct json_writer *self)
{
	jsonw_sep(self);
	fputs("null", self->out);
}

void jsonw_uint(struct json_writer *self, uint64_t val)
{
	jsonw_sep(self);
	fprintf(self->out, "%llu", (unsigned long long)val);
}

void jsonw_int(struct json_writer *self, int64_t val)
{
	jsonw_sep(self);
	fprintf(self->out, "%lld", (long long)val);
}

void jsonw_float(struct json_writer *self, double val)
{
	if (!isfinite(val)) {
		jsonw_null(self);	/* JSON has no NaN or Inf */
		return;
	}
	jsonw_sep(self);
	fprintf(self->out, "%.6g", val);
}

void jsonw_string_field(struct json_writer *self, const char *name,
			const char *val)
{
	jsonw_name(self, name);
	jsonw_string(self, val);
}

void jsonw_bool_field(struct json_writer *self, const char *name, bool val)
{
	jsonw_name(self, name);
	jsonw_bool(self, val);
}

void jsonw_uint_field(struct json_writer *self, const char *name,
		      uint64_t val)
{
	jsonw_name(self, name);
	jsonw_uint(self, val);
}

void jsonw_int_field(struct json_writer *self, const char *name, int64_t val)
{
	jsonw_name(self, name);
	jsonw_int(self, val);
}

void jsonw_float_field(struct json_writer *self, const char *name,
		       double val)
{
	jsonw_name(self, name);
	jsonw_float(self, val);
}

void jsonw_null_field(struct json_writer *self, const char *name)
{
	jsonw_name(self, name);
	jsonw_null(self);
}
