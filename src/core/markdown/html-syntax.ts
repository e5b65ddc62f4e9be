/**
 * CommonMark's raw-HTML grammar (spec 0.31 §4.6 and §6.6), shared by the block parser
 * (HTML blocks) and the inline scanner (inline tags, whose attributes may hold `#` or `[[`
 * that must not become tags or links). Every pattern is anchored and has no nested
 * ambiguous quantifiers, so a failed match costs time linear in what it looked at.
 */

const TAGNAME = '[A-Za-z][A-Za-z0-9-]*';
const ATTRIBUTENAME = '[a-zA-Z_:][a-zA-Z0-9:._-]*';
const ATTRIBUTEVALUE = `(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*")`;
const ATTRIBUTE = `(?:\\s+${ATTRIBUTENAME}(?:\\s*=\\s*${ATTRIBUTEVALUE})?)`;
export const OPEN_TAG = `<${TAGNAME}${ATTRIBUTE}*\\s*/?>`;
export const CLOSE_TAG = `</${TAGNAME}\\s*>`;

/** Start conditions of the seven HTML block types (index = type). */
export const HTML_BLOCK_OPEN: RegExp[] = [
  /(?!)/,
  /^<(?:script|pre|textarea|style)(?:\s|>|$)/i,
  /^<!--/,
  /^<[?]/,
  /^<![A-Za-z]/,
  /^<!\[CDATA\[/,
  /^<[/]?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[123456]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|[/]?[>]|$)/i,
  new RegExp(`^(?:${OPEN_TAG}|${CLOSE_TAG})\\s*$`, 'i'),
];

/** End conditions of HTML block types 1-5 (types 6 and 7 end at a blank line). */
export const HTML_BLOCK_CLOSE: RegExp[] = [/(?!)/, /<\/(?:script|pre|textarea|style)>/i, /-->/, /\?>/, />/, /\]\]>/];

/**
 * An inline open or closing tag, sticky at the `<`. Comments, processing instructions,
 * declarations and CDATA are matched by the scanner with its cached finder instead, so
 * a thousand unclosed `<?` cost one search, not a thousand.
 */
export const INLINE_HTML_TAG = new RegExp(`${OPEN_TAG}|${CLOSE_TAG}`, 'y');

/** An autolink `<scheme:...>` or `<user@host>`, sticky at the `<` (no control characters or spaces inside). */
export const AUTOLINK = /<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\s\p{Cc}]*>|<[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*>/uy;

/** Longest line the type-7 HTML block test looks at; longer lines are never a lone tag in practice. */
export const HTML_TEST_LIMIT = 4096;
