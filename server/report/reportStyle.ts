import { createHash } from 'node:crypto';

/**
 * The report's one stylesheet, inline so the HTML file stands alone, and identified by its hash so the
 * Content-Security-Policy can allow exactly it and nothing else: no script runs in a report, and no style
 * attribute either. Laid out for A4: margins, page breaks before the big sections, table headers repeated,
 * rows and charts never split across pages.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 182mm; padding: 8mm 0; }
h1 { font-size: 22pt; margin: 0 0 2mm; }
h2 { font-size: 15pt; margin: 9mm 0 3mm; border-bottom: 2px solid #1f4e79; padding-bottom: 1mm; color: #1f4e79; break-after: avoid; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 1.5mm 0; }
.subtitle { font-size: 13pt; color: #333; margin: 0 0 4mm; }
.notice { border: 1px solid #111; background: #000; color: #fff; padding: 2mm 3mm; margin: 3mm 0; font-weight: 600; }
.draft { border: 2px dashed #c43e00; color: #c43e00; padding: 1.5mm 3mm; display: inline-block; font-weight: 700; margin: 2mm 0; }
.page { break-before: page; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #e8eef5; }
tr { break-inside: avoid; }
table.facts th { width: 38%; background: #f3f3f3; }
.num { text-align: right; }
td.num { white-space: nowrap; }
table.fixed { table-layout: fixed; }
col.time { width: 15mm; } col.what { width: 27mm; } col.who { width: 30mm; } col.to { width: 30mm; }
.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.text { white-space: pre-wrap; }
.muted { color: #555; }
.rating { display: inline-block; min-width: 7mm; text-align: center; font-weight: 700; border: 1px solid #111; padding: 0 1mm; }
.rating-P { background: #d7ecd9; } .rating-S { background: #fff3c4; } .rating-M { background: #ffd9b8; } .rating-U { background: #f6c6c6; }
.status-met { color: #1b5e20; } .status-late { color: #c43e00; } .status-missed { color: #b00020; font-weight: 700; } .status-pending { color: #555; }
.tlp { display: inline-block; background: #000; font-weight: 700; font-size: 8pt; padding: 0 1mm; white-space: nowrap; }
.tlp-red { color: #ff2b2b; } .tlp-amber-strict, .tlp-amber { color: #ffc000; } .tlp-green { color: #33ff00; } .tlp-clear { color: #fff; }
.objective { break-inside: avoid-page; border-left: 3px solid #1f4e79; padding-left: 3mm; margin: 4mm 0; }
ul { margin: 1mm 0 2mm; padding-left: 5mm; }
svg.chart { width: 100%; height: auto; break-inside: avoid; display: block; margin: 2mm 0 4mm; }
footer { margin-top: 10mm; font-size: 8.5pt; color: #555; border-top: 1px solid #bbb; padding-top: 2mm; }
@media screen { body { padding: 10mm 12mm; } }
`;

/** The CSP source that allows exactly the stylesheet above. */
export const REPORT_STYLE_HASH = `'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`;

/** A policy for a report document: its own stylesheet, inline images (none today) and nothing else. */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${REPORT_STYLE_HASH}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
