// Pub/Sub subscription filters for the Pub/Sub double (pubsub-double.ts): the attribute syntax of
// https://cloud.google.com/pubsub/docs/subscription-message-filter, compiled to a predicate.
type Attributes = Record<string, string>;
type Predicate = (attributes: Attributes) => boolean;
type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; text: string }
  | { kind: "op"; text: "." | ":" | "=" | "!=" | "(" | ")" | "," };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (filter.startsWith("!=", i)) {
      tokens.push({ kind: "op", text: "!=" });
      i += 2;
    } else if (".:=(),".includes(c)) {
      tokens.push({ kind: "op", text: c as "." });
      i++;
    } else if (c === '"' || c === "'") {
      const [text, end] = readString(filter, i);
      tokens.push({ kind: "string", text });
      i = end;
    } else if (/[A-Za-z0-9_-]/.test(c)) {
      const start = i;
      while (i < filter.length && /[A-Za-z0-9_-]/.test(filter[i]!)) i++;
      tokens.push({ kind: "word", text: filter.slice(start, i) });
    } else {
      throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
    }
  }
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'",
  "`": "`",
  "?": "?",
};

/** A string literal from `start` (its opening quote): its value and the index after it. */
function readString(filter: string, start: number): [string, number] {
  const quote = filter[start];
  let out = "";
  let i = start + 1;
  while (i < filter.length) {
    const c = filter[i]!;
    if (c === quote) return [out, i + 1];
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = filter[i + 1] ?? "";
    const hex = (length: number) => {
      const digits = filter.slice(i + 2, i + 2 + length);
      if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(digits)) throw new Error(`bad escape at ${i}`);
      out += String.fromCodePoint(parseInt(digits, 16));
      i += 2 + length;
    };
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === "x" || e === "X") hex(2);
    else if (e === "u") hex(4);
    else if (e === "U") hex(8);
    else if (/[0-7]/.test(e)) {
      const digits = filter.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) throw new Error(`bad octal escape at ${i}`);
      out += String.fromCharCode(parseInt(digits, 8));
      i += 4;
    } else throw new Error(`bad escape at ${i}`);
  }
  throw new Error("unterminated string literal");
}

/** Compiles a subscription filter to a predicate on a message's attributes; throws on bad syntax. */
export function compileFilter(filter: string): Predicate {
  const tokens = tokenize(filter);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (text: string) => peek()?.kind === "word" && peek()?.text === text;
  const expectOp = (text: string) => {
    const token = tokens[at++];
    if (token?.kind !== "op" || token.text !== text) throw new Error(`expected ${text}`);
  };
  const stringLiteral = () => {
    const token = tokens[at++];
    if (token?.kind !== "string") throw new Error("expected a string literal");
    return token.text;
  };
  const key = () => {
    const token = tokens[at++];
    if (token?.kind === "word" || token?.kind === "string") return token.text;
    throw new Error("expected an attribute key");
  };

  function expression(): Predicate {
    const terms = [term()];
    let joiner: "AND" | "OR" | undefined;
    while (isWord("AND") || isWord("OR")) {
      const word = tokens[at++]!.text as "AND" | "OR";
      if (joiner && joiner !== word) throw new Error("AND and OR must be grouped with parentheses");
      joiner = word;
      terms.push(term());
    }
    if (joiner === "OR") return (a) => terms.some((t) => t(a));
    return (a) => terms.every((t) => t(a));
  }

  function term(): Predicate {
    if (isWord("NOT")) {
      at++;
      const inner = term();
      return (a) => !inner(a);
    }
    const token = peek();
    if (token?.kind === "op" && token.text === "(") {
      at++;
      const inner = expression();
      expectOp(")");
      return inner;
    }
    if (isWord("hasPrefix")) {
      at++;
      expectOp("(");
      attributesWord();
      expectOp(".");
      const k = key();
      expectOp(",");
      const prefix = stringLiteral();
      expectOp(")");
      return (a) => a[k] !== undefined && a[k].startsWith(prefix);
    }
    attributesWord();
    const op = tokens[at++];
    if (op?.kind === "op" && op.text === ":") {
      const k = key();
      return (a) => Object.hasOwn(a, k);
    }
    if (op?.kind !== "op" || op.text !== ".") throw new Error("expected attributes.KEY or attributes:KEY");
    const k = key();
    const comparison = tokens[at++];
    if (comparison?.kind !== "op" || (comparison.text !== "=" && comparison.text !== "!="))
      throw new Error("expected = or !=");
    const value = stringLiteral();
    if (comparison.text === "=") return (a) => a[k] === value;
    // "Messages without the key and the value" (the filter docs): a message without the key matches.
    return (a) => a[k] !== value;
  }

  function attributesWord() {
    if (!isWord("attributes")) throw new Error("expected attributes");
    at++;
  }

  const predicate = expression();
  if (at !== tokens.length) throw new Error("unexpected input after the expression");
  return predicate;
}
