/**
 * A self-contained API reference page: it reads /api/openapi.json in the
 * browser and lists every operation. No CDN, since nothing may be fetched
 * from outside at run time.
 */
export function apiDocsPage(): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Loa API</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1b1f24}
h1{font-size:1.5rem}.op{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.5rem .75rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}.get{color:#0969da}.post{color:#1a7f37}
.patch{color:#9a6700}.delete{color:#cf222e}code{font-size:.9em}.acc{float:right;color:#57606a;font-size:.85em}
details pre{white-space:pre-wrap;font-size:.8em;background:#f6f8fa;padding:.5rem}
</style></head><body>
<h1>Loa API</h1><p>Đặc tả OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a></p>
<div id="ops">Đang tải…</div>
<script src="/api/docs.js"></script>
</body></html>`;
}

export const apiDocsScript = `
fetch('/api/openapi.json').then(function(r){return r.json()}).then(function(doc){
  var out=document.getElementById('ops');out.textContent='';
  Object.keys(doc.paths).sort().forEach(function(p){
    var item=doc.paths[p];
    Object.keys(item).forEach(function(m){
      var op=item[m];var d=document.createElement('div');d.className='op';
      var h=document.createElement('div');
      var ms=document.createElement('span');ms.className='m '+m;ms.textContent=m;h.appendChild(ms);
      var c=document.createElement('code');c.textContent='/api'+p;h.appendChild(c);
      var a=document.createElement('span');a.className='acc';a.textContent=op['x-loa-access']||'';h.appendChild(a);
      d.appendChild(h);
      var s=document.createElement('div');s.textContent=op.summary||'';d.appendChild(s);
      var det=document.createElement('details');var sum=document.createElement('summary');sum.textContent='Chi tiết';
      det.appendChild(sum);var pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
      det.appendChild(pre);d.appendChild(det);out.appendChild(d);
    });
  });
});`;
