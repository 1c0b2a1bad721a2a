// The shell of every HTML page: a title, a stylesheet, the body, data as JSON and inline scripts. No external
// reference of any kind, so a page works offline and from file://.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON in a <script type="application/json">: `<` escaped so no "</script>" can occur inside. */
export function jsonScript(id: string, value: unknown): string {
  const text = JSON.stringify(value).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${id}">${text}</script>`;
}

export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const BASE_STYLE = `
body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1280px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; } td { text-align: right; } td:first-child { text-align: left; }
th { background: #f2f2f2; }
pre { background: #f7f7f7; padding: 8px; overflow: auto; font-size: 12px; }
.note { color: #555; font-size: 13px; }
`;

export interface Page {
  readonly title: string;
  readonly body: string;
  /** Extra CSS. */
  readonly style?: string;
  /** Script and JSON elements placed after the body. */
  readonly scripts: readonly string[];
}

export function htmlPage(p: Page): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(p.title)}</title>`,
    `<style>${BASE_STYLE}${p.style ?? ''}</style>`,
    '</head><body>',
    p.body,
    ...p.scripts,
    '</body></html>',
    '',
  ].join('\n');
}
