/** The report's inline stylesheet: system fonts only (no downloads), and print rules. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:24px auto;max-width:1200px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
h3{font-size:15px;margin:16px 0 6px}code,time{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.ok{color:#1a7f37;font-weight:600}.todo{color:#9a6700;font-weight:600}.muted{color:#656d76}
.diff{margin:4px 0 4px 18px;padding:0}.old{color:#cf222e;text-decoration:line-through}.new{color:#1a7f37}
.version{border-left:3px solid #d0d7de;padding:2px 8px;margin:6px 0}.cols{display:flex;gap:24px}.cols>div{flex:1}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,.version{break-inside:avoid}.cols{display:block}a{color:inherit}}
`;
