// Whether a whole text matches a regular expression, as DuckDB SQL. DuckDB answers a partial
// match of ^(?:regex)$ about a sixth faster than regexp_full_match of the same regex (one
// thread, 10M e-mail addresses: 1.15 s against 1.38 s), and the regex is the largest single
// cost of a catalog's shared scan. The wrapping keeps a regex that compiles on its own whole (a
// stray ")" cannot close the group, since it would not compile), but two things break the
// equivalence, and a regex with either keeps the plain form:
// - \Q: a quote left open runs to the end of the pattern and would swallow the closing ")$";
// - an anchor (^, $, \A, \z) anywhere in it: DuckDB rewrites regexp_matches of a regex of
//   literals and anchors into LIKE or =, dropping the anchors, so `a$b` would match "ab", which
//   no text can match in full. (The check is by character: an escaped \$ takes the plain form too.)
import { quoteLiteral } from './sql-text.js';

/** Characters and escapes after which the faster form may answer otherwise. */
const KEEPS_PLAIN_FORM = /\\Q|[$^]|\\A|\\z/;

/** SQL for "`text` matches `regex` in full", with the regex as a constant DuckDB compiles once; `regex` must compile on its own. */
export function fullMatch(text: string, regex: string): string {
  if (KEEPS_PLAIN_FORM.test(regex)) return `regexp_full_match(${text}, ${quoteLiteral(regex)})`;
  return `regexp_matches(${text}, ${quoteLiteral(`^(?:${regex})$`)})`;
}
