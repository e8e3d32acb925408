/**
 * Tokenizer for SCIM filters and paths (RFC 7644 §3.4.2.2, §3.5.2). A token is a bracket, a
 * JSON string, or a "word": a run of characters up to whitespace, a bracket or a quote. Words
 * are attribute paths, operators, keywords, numbers, true/false/null, or (leniently) unquoted
 * values. Every token carries its 1-based character position for error messages.
 */

export type TokenType = '(' | ')' | '[' | ']' | 'string' | 'word' | 'end';

export interface Token {
  type: TokenType;
  /** the text as written (for strings: including the quotes) */
  text: string;
  /** decoded value of a string token */
  value?: string;
  /** 1-based character position */
  pos: number;
}

/** Thrown by the lexer and parser; the caller wraps it in the right ScimError. */
export class SyntaxProblem extends Error {}

const PUNCT = new Set(['(', ')', '[', ']']);
const WORD_END = /[\s()[\]"]/;

/** Splits `text` into tokens; the list always ends with an 'end' token. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (PUNCT.has(c)) {
      tokens.push({ type: c as TokenType, text: c, pos: i + 1 });
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
      if (i >= text.length) throw new SyntaxProblem(`unterminated string starting at character ${start + 1}`);
      i++;
      const raw = text.slice(start, i);
      tokens.push({ type: 'string', text: raw, value: decodeString(raw, start + 1), pos: start + 1 });
    } else {
      const start = i;
      while (i < text.length && !WORD_END.test(text.charAt(i))) i++;
      tokens.push({ type: 'word', text: text.slice(start, i), pos: start + 1 });
    }
  }
  tokens.push({ type: 'end', text: '', pos: text.length + 1 });
  return tokens;
}

/**
 * Decodes a quoted compValue with JSON's escapes (RFC 7644 §3.4.2.2 compValue is a JSON
 * string, RFC 7159 §7). Raw control characters, which JSON forbids, are tolerated: a query
 * string decoder may have produced them from `%09` and the like.
 */
function decodeString(raw: string, pos: number): string {
  let escaped = '';
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    escaped += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  try {
    return JSON.parse(escaped) as string;
  } catch {
    const bad = /\\(?:u(?![0-9a-fA-F]{4})|[^"\\/bfnrtu])/.exec(raw);
    const where = bad
      ? ` (bad escape '${raw.slice(bad.index, bad.index + 2)}' at character ${pos + bad.index})`
      : '';
    throw new SyntaxProblem(`invalid string at character ${pos}${where}`);
  }
}

/** How a token reads in an error message. */
export function describeToken(t: Token): string {
  if (t.type === 'end') return 'the end of the input';
  const text = t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text;
  return `'${text}' at character ${t.pos}`;
}
