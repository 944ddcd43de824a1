/** Names listed in full before the rest are counted ("... and 25,999,997 more"). */
export const BRIEF_LIST_SHOWN = 10;
/** Characters of one name shown before it is cut with an ellipsis. */
export const BRIEF_NAME_CHARS = 60;

/**
 * A list of names from a file (columns, values) for a sentence, never longer than a handful:
 * the first `shown` names, each cut to BRIEF_NAME_CHARS characters and passed through `format`
 * (for example quoting; it also gets the name's index), joined with ", ", then "... and N more" when there were more.
 * An empty list gives ''.
 * @example briefList(['a', 'a', 'a', 'a'], (n) => n, 3) // 'a, a, a, ... and 1 more'
 */
export function briefList(names: readonly string[], format: (name: string, index: number) => string = (name) => name, shown = BRIEF_LIST_SHOWN): string {
  const listed = names.slice(0, shown).map((name, i) => format(name.length > BRIEF_NAME_CHARS ? `${name.slice(0, BRIEF_NAME_CHARS - 1)}…` : name, i));
  const rest = names.length - listed.length;
  return rest > 0 ? `${listed.join(', ')}, ... and ${rest.toLocaleString('en-US')} more` : listed.join(', ');
}
