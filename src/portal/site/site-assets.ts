import crypto from 'node:crypto';

/**
 * The unit sites' one stylesheet and one tiny script (text size, high
 * contrast, the phone menu and arrow keys in the menu). Both are static,
 * served from /site-assets/ with a content hash in the address, so a page
 * needs no inline script or style and the Content-Security-Policy can forbid
 * both. A unit's colour comes from its own small stylesheet
 * (/site-theme/<slug>.css), never from a style attribute.
 */
export const siteCss = `
*{box-sizing:border-box}
html{font-size:100%}html[data-fs="1"]{font-size:112.5%}html[data-fs="2"]{font-size:125%}html[data-fs="-1"]{font-size:93.75%}
body{margin:0;font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.6;color:#1a1d21;background:#fff;font-size:1.0625rem;overflow-wrap:anywhere}
.wrap{max-width:70rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px;top:0}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#000;padding:.5rem 1rem;z-index:20;border:2px solid #000}
a{color:var(--site-link,#0b4f8a)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f0b400;outline-offset:2px;box-shadow:0 0 0 5px #1a1d21}
.tools{background:#f3f5f7;border-bottom:1px solid #d5dbe1;font-size:.9rem}
.tools .wrap{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.25rem 1rem;padding-top:.25rem;padding-bottom:.25rem}
.tools a{color:#1a1d21}
.a11y{display:flex;gap:.25rem;align-items:center;flex-wrap:wrap}
.a11y button{min-width:2.75rem;min-height:2.75rem;padding:.3rem .6rem;border:1px solid #56606b;background:#fff;color:#1a1d21;border-radius:4px;font-size:.95rem;cursor:pointer}
.a11y button[aria-pressed=true]{background:#1a1d21;color:#fff}
.site-head{background:var(--site-primary,#0b4f8a);color:#fff}
.site-head a{color:#fff}
.banner{display:block;width:100%;max-height:14rem;object-fit:cover}
.brand{display:flex;gap:.9rem;align-items:center;padding:1rem 0;text-decoration:none}
.brand img{width:4rem;height:4rem;object-fit:contain;background:#fff;border-radius:50%;flex:none}
.brand .n{font-size:1.35rem;font-weight:700;line-height:1.25;display:block}
.brand .t{font-size:.95rem;display:block}
.menu-toggle{display:none;margin:0 0 .75rem;background:#fff;color:#1a1d21;border:0;border-radius:4px;padding:.55rem 1rem;font-size:1rem;min-height:2.75rem}
nav.site-menu ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 .25rem;margin:0;padding:0 0 .5rem}
nav.site-menu a{display:inline-block;padding:.5rem .6rem;text-decoration:none;border-radius:4px;min-height:2.75rem}
nav.site-menu a:hover{text-decoration:underline}
nav.site-menu a[aria-current=page]{background:#fff;color:var(--site-primary,#0b4f8a);font-weight:600}
.crumbs ol{list-style:none;padding:0;margin:1rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem .4rem;font-size:.93rem}
.crumbs li+li::before{content:"›";margin-right:.4rem;color:#56606b}
main{display:block;min-height:50vh;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;line-height:1.3}h3{font-size:1.08rem}
img{max-width:100%;height:auto}
.rich table{display:block;overflow-x:auto;border-collapse:collapse}.rich td,.rich th{border:1px solid #d5dbe1;padding:.4rem}
.rich blockquote{border-left:4px solid #b8c4d0;margin:1rem 0;padding:.1rem 1rem}
.muted{color:#56606b;font-size:.95rem}
.updated{color:#56606b;font-size:.9rem}
.quick{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.75rem}
.quick a{display:block;padding:.9rem 1rem;border:1px solid #b8c4d0;border-radius:6px;text-decoration:none;font-weight:600;min-height:2.75rem}
.quick a:hover{border-color:var(--site-primary,#0b4f8a);text-decoration:underline}
.news{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1.25rem}
.news li{min-width:0}.news img{display:block;width:100%;aspect-ratio:3/2;object-fit:cover;border-radius:6px;background:#e8edf2}
.news h3{margin:.4rem 0 .2rem}.news h3 a{color:#13293d;text-decoration:none}.news h3 a:hover{text-decoration:underline}
.leaders{list-style:none;padding:0;display:grid;gap:1.5rem}
.leader{display:grid;grid-template-columns:8rem 1fr;gap:1rem;border-bottom:1px solid #d5dbe1;padding-bottom:1.25rem}
.leader img{width:8rem;height:10rem;object-fit:cover;border-radius:6px;background:#e8edf2}
.leader h2{margin:0}.leader .pos{font-weight:600;margin:.2rem 0}
.org ul{list-style:none;margin:0;padding-left:1.25rem;border-left:2px solid #b8c4d0}
.org>ul{padding-left:0;border:0}
.org li{margin:.5rem 0}
.org .box{display:inline-block;border:1px solid #8a96a3;border-radius:6px;padding:.4rem .8rem;background:#fff}
.org .box.self{border:2px solid var(--site-primary,#0b4f8a);font-weight:700}
.org .kind{display:block;font-size:.85rem;color:#56606b;font-weight:400}
dl.contacts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dl.contacts dt{font-weight:600}dl.contacts dd{margin:0}
ul.units{list-style:none;padding:0}ul.units li{padding:.5rem 0;border-bottom:1px solid #eef1f4}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d5dbe1;vertical-align:top}
.table-wrap{overflow-x:auto}
.notice{background:#fff4d6;padding:.75rem;border-radius:6px}
button.primary,.btn{display:inline-block;padding:.6rem 1.2rem;font-size:1rem;background:var(--site-primary,#0b4f8a);color:#fff;border:0;border-radius:6px;cursor:pointer;text-decoration:none;min-height:2.75rem}
label{font-weight:600}input,select,textarea{font:inherit;padding:.55rem;border:1px solid #6b7785;border-radius:6px;max-width:100%}
.site-foot{border-top:4px solid var(--site-primary,#0b4f8a);background:#f3f5f7;margin-top:2rem;padding:1.25rem 0;font-size:.95rem}
.site-foot p{margin:.25rem 0}
@media (max-width:40rem){
.js .menu-toggle{display:inline-block}
.js nav.site-menu ul.closed{display:none}
nav.site-menu ul{flex-direction:column}
.leader{grid-template-columns:1fr}.leader img{width:6rem;height:7.5rem}
dl.contacts{grid-template-columns:1fr}dl.contacts dd{margin-bottom:.5rem}
.brand .n{font-size:1.15rem}.brand img{width:3rem;height:3rem}
table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #d5dbe1;padding:.5rem 0}table.stack td{display:block;border:0;padding:.15rem 0}
}
html.hc body{background:#000;color:#fff}
html.hc a,html.hc .site-head a,html.hc .tools a{color:#ffeb3b}
html.hc .site-head,html.hc .tools,html.hc .site-foot{background:#000;color:#fff;border-color:#fff}
html.hc .muted,html.hc .updated,html.hc .org .kind,html.hc .crumbs li+li::before{color:#fff}
html.hc .org .box,html.hc .quick a,html.hc .a11y button{background:#000;color:#fff;border-color:#fff}
html.hc .a11y button[aria-pressed=true]{background:#fff;color:#000}
html.hc nav.site-menu a[aria-current=page]{background:#ffeb3b;color:#000}
html.hc .news h3 a{color:#ffeb3b}html.hc .notice{background:#000;border:1px solid #fff}
html.hc button.primary,html.hc .btn{background:#ffeb3b;color:#000}
html.hc input,html.hc select,html.hc textarea{background:#000;color:#fff;border-color:#fff}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
@media print{.tools,.menu-toggle,nav.site-menu,.skip{display:none}}
`;

export const siteJs = `(function(){
var d=document,h=d.documentElement,K='loa-site-a11y';
h.classList.add('js');
function load(){try{return JSON.parse(localStorage.getItem(K)||'{}')}catch(e){return {}}}
function save(p){try{localStorage.setItem(K,JSON.stringify(p))}catch(e){}}
var p=load();
function apply(){
var fs=Math.max(-1,Math.min(2,p.fs|0));
if(fs)h.setAttribute('data-fs',String(fs));else h.removeAttribute('data-fs');
h.classList.toggle('hc',!!p.hc);
var b=d.querySelectorAll('[data-a11y]');
for(var i=0;i<b.length;i++){var a=b[i].getAttribute('data-a11y');
if(a==='hc')b[i].setAttribute('aria-pressed',p.hc?'true':'false');
if(a==='reset')b[i].setAttribute('aria-pressed',!fs?'true':'false');}
}
apply();
d.addEventListener('DOMContentLoaded',function(){
var bar=d.querySelector('.a11y');if(bar)bar.hidden=false;
apply();
d.addEventListener('click',function(e){
var t=e.target.closest?e.target.closest('[data-a11y]'):null;if(!t)return;
var a=t.getAttribute('data-a11y');
if(a==='smaller')p.fs=Math.max(-1,(p.fs|0)-1);
if(a==='larger')p.fs=Math.min(2,(p.fs|0)+1);
if(a==='reset')p.fs=0;
if(a==='hc')p.hc=!p.hc;
save(p);apply();
});
var tg=d.querySelector('.menu-toggle'),ul=d.getElementById('site-menu-list');
if(tg&&ul){ul.classList.add('closed');tg.hidden=false;
tg.addEventListener('click',function(){var o=tg.getAttribute('aria-expanded')==='true';
tg.setAttribute('aria-expanded',o?'false':'true');ul.classList.toggle('closed',o);if(!o){var f=ul.querySelector('a');if(f)f.focus();}});
ul.addEventListener('keydown',function(e){if(e.key==='Escape'&&tg.getAttribute('aria-expanded')==='true'){tg.click();tg.focus();}});}
var links=ul?ul.querySelectorAll('a'):[];
for(var i=0;i<links.length;i++)(function(i){links[i].addEventListener('keydown',function(e){
var n=null;if(e.key==='ArrowRight'||e.key==='ArrowDown')n=links[(i+1)%links.length];
if(e.key==='ArrowLeft'||e.key==='ArrowUp')n=links[(i-1+links.length)%links.length];
if(e.key==='Home')n=links[0];if(e.key==='End')n=links[links.length-1];
if(n){e.preventDefault();n.focus();}});})(i);
});
})();
`;

const hash = (s: string) => crypto.createHash('sha1').update(s).digest('hex').slice(0, 10);
export const siteCssHref = `/site-assets/site.css?v=${hash(siteCss)}`;
export const siteJsHref = `/site-assets/site.js?v=${hash(siteJs)}`;
export const siteAssetsBuild = hash(siteCss + siteJs);

/** A unit's colour sheet: its primary colour and a link colour readable on white. */
export function themeCss(primary: string): string {
  return `:root{--site-primary:${primary};--site-link:${primary}}\n`;
}
