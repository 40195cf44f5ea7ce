namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>The report's inline style and script: no web font, no image, no request.</summary>
    internal static class ReportAssets
    {
        public const string Css = @"
:root{--fg:#1b1f24;--muted:#5b6570;--line:#d8dee4;--bg:#fff;--band:#f5f7f9;--good:#2e7d32;--warn:#c77c00;--bad:#c62828;--high:#c62828;--medium:#ef8a00;--low:#f2c200;--other:#8c959f;--gain:#1565c0}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 28px 8px;border-bottom:1px solid var(--line);background:var(--band)}h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:18px 0 6px}h4{font-size:14px;margin:14px 0 4px}.meta,.note,footer{color:var(--muted);font-size:12px}
nav a{margin-right:14px;font-size:13px;color:var(--gain);text-decoration:none}main{padding:0 28px 28px;max-width:1280px}footer{padding:12px 28px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px;background:var(--bg)}
.card .value{font-size:22px;font-weight:600}.card .label{color:var(--muted);font-size:12px}.card.good .value,.good{color:var(--good)}.card.warn .value{color:var(--warn)}.card.bad .value{color:var(--bad)}
svg.chart{max-width:900px;display:block;margin:8px 0}svg .label,svg .value,svg text{font-size:12px;fill:var(--fg)}svg .reference line{stroke:#333;stroke-dasharray:4 3;stroke-width:1.5}
rect.segment.good{fill:var(--good)}rect.segment.warn{fill:var(--warn)}rect.segment.bad{fill:var(--bad)}rect.segment.high{fill:var(--high)}rect.segment.medium{fill:var(--medium)}
svg.trend polyline.trend{fill:none;stroke:var(--gain);stroke-width:2}svg.trend circle.point{fill:var(--gain)}svg.trend .axis line{stroke:var(--line)}rect.segment.low{fill:var(--low)}rect.segment.other{fill:var(--other)}rect.segment.gain{fill:var(--gain)}
.tablewrap{overflow-x:auto;margin:6px 0 12px}input.filter{margin:4px 0;padding:4px 8px;border:1px solid var(--line);border-radius:4px;min-width:240px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--band);cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:' \25B2'}th[aria-sort=descending]::after{content:' \25BC'}
td.num{text-align:right;font-variant-numeric:tabular-nums}.id{font-family:ui-monospace,Consolas,monospace;font-size:11px;color:var(--muted)}
td.cov{text-align:center}td.cov.full{background:#d7f0d8}td.cov.part{background:#fff1c7}td.cov.zero{background:#f9d6d5}td.cov.none{color:var(--muted)}
td.sev.high{color:var(--high);font-weight:600}td.sev.medium{color:var(--medium)}section.customer{border-top:1px solid var(--line);margin-top:18px}
body.large section.customer{content-visibility:auto;contain-intrinsic-size:auto 900px}
ul.toc{columns:3;font-size:13px}
@media print{body.large section.customer{content-visibility:visible}nav,input.filter{display:none}header{background:none}section{break-inside:auto}tr,svg{break-inside:avoid}section.customer{break-before:page}a{color:inherit;text-decoration:none}main{max-width:none}}
";

        /// <summary>Two delegated listeners for the whole page (sorting and filtering), however many tables it holds.</summary>
        public const string Script = @"
(function(){
  function key(td){var s=td&&td.getAttribute('data-sort');if(s!==null&&s!==''&&!isNaN(+s))return +s;return td?td.textContent.trim().toLowerCase():'';}
  function sort(th){
    var table=th.closest('table');if(!table||!table.classList.contains('sortable'))return;
    var col=Array.prototype.indexOf.call(th.parentNode.children,th);var asc=th.getAttribute('aria-sort')!=='ascending';
    Array.prototype.forEach.call(th.parentNode.children,function(o){o.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var body=table.tBodies[0];var rows=Array.prototype.filter.call(body.rows,function(r){return !r.classList.contains('empty');});
    rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return asc?c:-c;});
    var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});body.appendChild(f);
  }
  document.addEventListener('click',function(e){var th=e.target.closest&&e.target.closest('thead th');if(th)sort(th);});
  document.addEventListener('keydown',function(e){var th=e.key==='Enter'&&e.target.closest&&e.target.closest('thead th');if(th)sort(th);});
  document.addEventListener('input',function(e){
    var input=e.target;if(!input.classList||!input.classList.contains('filter'))return;
    var table=document.getElementById(input.getAttribute('data-table'));if(!table)return;
    var q=input.value.trim().toLowerCase();
    Array.prototype.forEach.call(table.tBodies[0].rows,function(r){if(r.classList.contains('empty'))return;r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});
  });
  document.documentElement.setAttribute('data-ready','true');
  // When the first frame after this script was painted, in ms since navigation: what 'renders in' means, measured by the browser.
  requestAnimationFrame(function(){requestAnimationFrame(function(){document.documentElement.setAttribute('data-painted-ms',String(Math.round(performance.now())));});});
})();
";
    }
}
