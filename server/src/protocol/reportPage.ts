/**
 * The report page's HTML around its stylesheet and scripts: the editor's report panel and the
 * standalone HTML export share it. Part of the contract because the extension needs it
 * synchronously when a panel opens (also when panels come back after a window reload, before the
 * language server has started), and the markup is the frame the webview's script draws into, not
 * data of a report. Pure; imports nothing. The Content-Security-Policy and the elements passed in
 * carry the nonce of the page.
 */

/** The stylesheet as a file next to dist/webview.js, for the panel (the HTML export inlines the same text). */
export const REPORT_STYLESHEET_FILE = 'report.css';

export function reportPageShell(csp: string, stylesheet: string, scripts: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drift report</title>
${stylesheet}
</head>
<body>
<main id="report"><p>Loading the report…</p></main>
${scripts}
</body>
</html>
`;
}
