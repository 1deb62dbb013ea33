/*
 * lang — what mend needs to know about a BCP 47 language tag ("en",
 * "ar", "pt-BR", "az-Arab", "zh-Hant-TW"): whether it has the shape RFC
 * 5646 gives a tag, its primary language, and the direction its text is
 * written in (for <html dir>).
 *
 * It reads the tag's shape only: "qq-Zzzz" is well-formed though no
 * registry knows it, and the module carries no copy of the IANA
 * registry.  The direction comes from the script subtag when the tag has
 * one ("az-Arab" right-to-left, "sd-Deva" left-to-right), else from the
 * primary language: the languages whose usual script (CLDR's likely
 * subtags) runs right to left, such as Arabic, Hebrew, Persian, Urdu,
 * Pashto, Sindhi, Uyghur, Yiddish, Dhivehi and Central Kurdish ("ckb";
 * "ku", written in Latin letters, is left to right).  Tags compare without
 * regard to case, as RFC 5646 says.  Nothing here allocates.
 */
#ifndef MEND_LANG_H
#define MEND_LANG_H

#include <stdbool.h>
#include <stddef.h>

/* The longest primary language subtag (8 letters) and its NUL. */
#define LANG_PRIMARY_MAX 9

/*
 * Is tag a well-formed language tag (RFC 5646 section 2.1: language with
 * up to three extlangs, script, region, variants, extensions, private
 * use; a private-use tag "x-..."; or one of the grandfathered tags), with
 * no variant and no extension singleton given twice (section 2.2.5 and
 * 2.2.6)?  NULL and "" are not, nor is a tag longer than 255 bytes (no
 * real one comes near).
 */
bool lang_valid(const char *tag);

/*
 * The primary language subtag of tag, lower-cased, into out: "pt" for
 * "pt-BR", "ckb" for "CKB-IQ", "zh" for "zh-yue-HK".  Returns false (and
 * out "") when tag is not well-formed or has no language subtag (a
 * private-use tag "x-whatever", a grandfathered "i-klingon").
 */
bool lang_primary(const char *tag, char out[LANG_PRIMARY_MAX]);

/*
 * Is text in tag written right to left?  The script subtag decides when
 * there is one (Arab, Hebr, Syrc, Thaa, Nkoo, Adlm, Rohg and the other
 * right-to-left scripts of Unicode), else the primary language.  False
 * for a tag that is not well-formed.
 */
bool lang_is_rtl(const char *tag);

/* "rtl" or "ltr" (static strings), for <html dir>: lang_is_rtl(tag). */
const char *lang_dir(const char *tag);

#endif
