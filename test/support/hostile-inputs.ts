// Inputs a hostile or careless person might type into a template's form. Each must come back as a
// field error or land in the generated files as an inert literal.

const TEN_KB = "a".repeat(10 * 1024);

export const hostileInputs: string[] = [
  // HCL template sequences and interpolation
  '${file("/etc/passwd")}',
  "${var.project_id}",
  "$${already-escaped}",
  "$$${triple}",
  "%{ if true }yes%{ endif }",
  "%{for x in [1]}${x}%{endfor}",
  "%%{ escaped }",
  "${",
  "%{",
  "}",
  "${jsonencode({a=1})}",
  'x" }\nresource "null_resource" "pwn" {\n  x = "',
  "a\\",
  "\\${not-escaped}",
  '\\"',
  // quotes, newlines and control characters
  '"',
  "'",
  '"; rm -rf / #',
  "line1\nline2",
  "line1\r\nline2",
  "tab\there",
  "nul\u0000byte",
  "bell\u0007",
  "esc\u001b[31mred",
  "del\u007f",
  "c1\u0085next-line",
  "\u2028line-separator",
  "\u2029paragraph-separator",
  // Go and shell
  '"+os.Getenv("HOME")+"',
  "`backticks`",
  "*/ func init() { panic(1) } /*",
  "$(id)",
  // Markdown and HTML
  "<script>alert(1)</script>",
  "# heading injection",
  "[link](javascript:alert(1))",
  "![img](http://x/y.png)",
  "```\ncode fence",
  "| table | row |",
  "&lt;entity&gt;",
  // paths
  "../../etc/passwd",
  "..",
  "/absolute/path",
  "services/../../x",
  "a/b",
  "C:\\Windows\\System32",
  // unicode look-alikes and invisible characters
  "сheckout-api", // Cyrillic с
  "checkout‐api", // U+2010 hyphen
  "ｃｈｅｃｋｏｕｔ", // fullwidth
  "zero\u200bwidth",
  "rtl\u202eoverride",
  "isolate\u2066x\u2069",
  "bom\ufeff",
  "e\u0301", // combining accent
  "\ud800", // lone surrogate
  "emoji 🚀",
  // sizes and blanks
  TEN_KB,
  "",
  " ",
  "   ",
  "\t",
  "\n",
  // YAML / JSON special
  "null",
  "true",
  "0",
  "-1",
  "1e309",
  "{}",
  "[]",
  "key: value",
  "--- !!python/object",
];
