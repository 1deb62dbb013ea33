/*
 * lang (lang.h): which language tags have RFC 5646's shape, each tag's
 * primary language, and the direction <html dir> gets for it: right to
 * left for Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Uyghur,
 * Yiddish, Dhivehi and Central Kurdish, and for any tag whose script
 * subtag runs right to left; left to right otherwise.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/lang.h"

/* Tags RFC 5646 (and its appendix A examples) calls well-formed. */
static const char *const well_formed[] = {
	"en", "ar", "de", "fr-CA", "pt-BR", "EN-gb", "zh-Hant", "zh-Hant-TW",
	"sr-Latn-RS", "az-Arab", "az-Arab-IR", "ckb", "ckb-IQ", "es-419",
	"zh-yue", "zh-yue-HK", "ar-afb", "ar-aao-bbb-ccc", "sl-rozaj",
	"sl-rozaj-biske", "sl-nedis", "de-CH-1901", "sl-IT-nedis",
	"hy-Latn-IT-arevela", "de-DE-u-co-phonebk", "en-US-u-islamcal",
	"zh-CN-a-myext-x-private", "en-a-myext-b-another", "en-US-x-twain",
	"x-whatever", "qaa-Qaaa-QM-x-southern", "de-Qaaa", "sr-Latn-QM",
	"sr-Qaaa-RS", "i-klingon", "i-default", "en-GB-oed", "sgn-BE-FR",
	"zh-min-nan", "art-lojban", "abcd", "abcdefgh", "en-x-a-b-c",
	"ar-EG-x-12345678", NULL
};

/* Tags it does not. */
static const char *const malformed[] = {
	"", "e", "-", "en-", "-en", "en--GB", "en_GB", "en GB", "123",
	"e1", "en-Latn-Latn", "en-GB-GB", "abcdefghi", "en-abcdefghi",
	"en-a", "en-a-x", "en-a-b-foo", "x", "en-x", "de-419-DE",
	"a-DE", "ar-a-aaa-b-bbb-a-ccc", "de-1901-1901", "de-DE-1901-1901",
	"zh-aaa-bbb-ccc-ddd", "ar-ÄG", "ar\n", "en-GB-oed-x", NULL
};

START_TEST(well_formed_tags_are_valid)
{
	size_t i;

	for (i = 0; well_formed[i] != NULL; i++)
		ck_assert_msg(lang_valid(well_formed[i]), "%s refused",
		    well_formed[i]);
}
END_TEST

START_TEST(malformed_tags_are_refused)
{
	size_t i;

	for (i = 0; malformed[i] != NULL; i++)
		ck_assert_msg(!lang_valid(malformed[i]), "'%s' taken",
		    malformed[i]);
	ck_assert(!lang_valid(NULL));
}
END_TEST

/* Tags up to 255 bytes are read; a longer one is refused (lang.h), and
   so gets the default direction even when it begins "ar". */
START_TEST(a_tag_past_255_bytes_is_refused)
{
	char tag[300] = "en-x";
	size_t len = 4;

	while (len + 9 <= 255) {
		memcpy(tag + len, "-abcdefgh", 9);
		len += 9;
	}
	tag[len] = '\0';
	ck_assert(lang_valid(tag));  /* 247 bytes of private use */
	memcpy(tag + len, "-abcdefgh", 10);
	ck_assert_uint_gt(strlen(tag), 255);
	ck_assert(!lang_valid(tag));
	ck_assert_str_eq(lang_dir("ar-x-abcdefgh-abcdefgh-abcdefgh-abcdefgh-"
	    "abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-"
	    "abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-"
	    "abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-"
	    "abcdefgh-abcdefgh-abcdefgh-abcdefgh"), "ltr");
}
END_TEST

START_TEST(primary_language)
{
	static const char *const cases[][2] = {
		{ "en", "en" }, { "pt-BR", "pt" }, { "CKB-IQ", "ckb" },
		{ "zh-yue-HK", "zh" }, { "Az-Arab", "az" }, { "abcdefgh", "abcdefgh" },
		{ "en-GB-oed", "en" }, { "sgn-BE-FR", "sgn" }, { "zh-min-nan", "zh" },
		{ "ar-x-foo", "ar" },
	};
	char out[LANG_PRIMARY_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(lang_primary(cases[i][0], out), "%s", cases[i][0]);
		ck_assert_str_eq(out, cases[i][1]);
	}
	/* No language subtag, or not a tag at all: false and "". */
	ck_assert(!lang_primary("x-whatever", out));
	ck_assert_str_eq(out, "");
	ck_assert(!lang_primary("i-klingon", out));
	ck_assert_str_eq(out, "");
	ck_assert(!lang_primary("en--GB", out));
	ck_assert_str_eq(out, "");
	ck_assert(!lang_primary(NULL, out));
}
END_TEST

START_TEST(right_to_left_languages)
{
	static const char *const rtl[] = {
		"ar", "ar-EG", "ar-SA", "AR", "he", "he-IL", "iw", "fa", "fa-IR",
		"prs", "ur", "ur-PK", "ps", "ps-AF", "sd", "ug", "ug-CN", "yi",
		"ji", "dv", "dv-MV", "ckb", "ckb-IQ", "ks", "syr", "arz",
		"ar-afb", "ar-x-private", "ar-u-nu-latn", NULL
	};
	size_t i;

	for (i = 0; rtl[i] != NULL; i++) {
		ck_assert_msg(lang_is_rtl(rtl[i]), "%s is not right to left",
		    rtl[i]);
		ck_assert_str_eq(lang_dir(rtl[i]), "rtl");
	}
}
END_TEST

/* The script subtag decides, either way. */
START_TEST(a_script_subtag_decides)
{
	static const char *const rtl[] = {
		"az-Arab", "az-Arab-IR", "pa-Arab", "ms-Arab", "uz-Arab",
		"ha-arab", "jrb-Hebr", "yi-Hebr", "en-Hebr", "syr-Syrc", "dv-Thaa",
		"man-Nkoo", "ff-Adlm", "rhg-Rohg", "ku-Arab", "zh-Arab", NULL
	};
	static const char *const ltr[] = {
		"sd-Deva", "ur-Latn", "ug-Cyrl", "yi-Latn", "ar-Latn",
		"fa-Latn-IR", "ckb-Latn", "ks-Deva", NULL
	};
	size_t i;

	for (i = 0; rtl[i] != NULL; i++)
		ck_assert_msg(strcmp(lang_dir(rtl[i]), "rtl") == 0, "%s", rtl[i]);
	for (i = 0; ltr[i] != NULL; i++)
		ck_assert_msg(strcmp(lang_dir(ltr[i]), "ltr") == 0, "%s", ltr[i]);
}
END_TEST

START_TEST(left_to_right_otherwise)
{
	static const char *const ltr[] = {
		"en", "en-US", "fr", "de-CH-1901", "ku", "ku-TR", "az", "tr", "el",
		"ru", "hi", "zh-Hant-TW", "ja", "th", "am", "sw", "x-ar", "qaa",
		"i-klingon", "arn", "ara", "hebr", NULL
	};
	size_t i;

	for (i = 0; ltr[i] != NULL; i++) {
		ck_assert_msg(!lang_is_rtl(ltr[i]), "%s is not left to right",
		    ltr[i]);
		ck_assert_str_eq(lang_dir(ltr[i]), "ltr");
	}
	/* Not a tag: left to right, the HTML default. */
	ck_assert_str_eq(lang_dir("ar--EG"), "ltr");
	ck_assert_str_eq(lang_dir(""), "ltr");
	ck_assert_str_eq(lang_dir(NULL), "ltr");
}
END_TEST

static Suite *
lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, well_formed_tags_are_valid);
	tcase_add_test(tc, malformed_tags_are_refused);
	tcase_add_test(tc, a_tag_past_255_bytes_is_refused);
	tcase_add_test(tc, primary_language);
	tcase_add_test(tc, right_to_left_languages);
	tcase_add_test(tc, a_script_subtag_decides);
	tcase_add_test(tc, left_to_right_otherwise);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(lang_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
