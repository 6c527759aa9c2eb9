/** The site-content pages' own stylesheet (the sites' CSP allows no inline style). Served at /site-assets/site-content.css. */
export const siteContentCss = `
.sc-badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-size:.9rem;font-weight:600;border:1px solid currentColor}
.sc-open{color:#0a6b2d}.sc-upcoming{color:#7a4d00}.sc-closed{color:#56606b}.sc-undated{color:#0b4f8a}
.sc-list{list-style:none;padding:0;margin:0}
.sc-list>li{border-bottom:1px solid #d5dbe1;padding:.9rem 0}
.sc-list h3,.sc-list h2{margin:.2rem 0;font-size:1.15rem}
.sc-dates{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:1rem 0}
.sc-dates dt{font-weight:600}.sc-dates dd{margin:0}
.sc-week-nav{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1rem 0}
.sc-week-nav a{display:inline-block;padding:.5rem .8rem;border:1px solid #b8c4d0;border-radius:6px;min-height:2.75rem;box-sizing:border-box}
.sc-day{margin:1.2rem 0}
.sc-day h2{font-size:1.1rem;border-bottom:2px solid var(--site-primary,#0b4f8a);padding-bottom:.2rem}
.sc-day table{width:100%;border-collapse:collapse}
.sc-day th,.sc-day td{border:1px solid #d5dbe1;padding:.45rem;text-align:left;vertical-align:top}
.sc-day th{background:#f1f4f7}
@media (max-width:40rem){.sc-day table,.sc-day tbody,.sc-day tr,.sc-day td{display:block;width:auto}.sc-day thead{position:absolute;left:-9999px}
.sc-day tr{border:1px solid #d5dbe1;margin:.5rem 0;padding:.3rem}.sc-day td{border:0;padding:.2rem .3rem}.sc-day td::before{content:attr(data-label) ": ";font-weight:600}}
.sc-grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}
.sc-grid img{width:100%;height:auto;display:block;border-radius:4px;background:#eef1f4}
.sc-grid figure{margin:0}.sc-grid figcaption{font-size:.95rem;margin-top:.3rem}
.sc-grid video{width:100%;height:auto;background:#000}
.sc-faq details{border:1px solid #d5dbe1;border-radius:6px;margin:.5rem 0;padding:.2rem .8rem}
.sc-faq summary{cursor:pointer;font-weight:600;padding:.55rem 0;min-height:1.75rem}
.sc-faq details[open] summary{border-bottom:1px solid #d5dbe1;margin-bottom:.5rem}
.sc-form{display:grid;gap:.9rem;max-width:40rem}
.sc-form label{display:block;font-weight:600;margin-bottom:.25rem}
.sc-form input[type=text],.sc-form input[type=email],.sc-form input[type=tel],.sc-form input[type=search],.sc-form textarea,.sc-form select{width:100%;box-sizing:border-box;font:inherit;padding:.55rem;border:1px solid #6b7785;border-radius:4px;min-height:2.75rem}
.sc-form button,.sc-rating button{font:inherit;font-weight:600;padding:.6rem 1.1rem;border-radius:6px;border:0;background:var(--site-primary,#0b4f8a);color:#fff;min-height:2.75rem;cursor:pointer}
.sc-hint{color:#56606b;font-size:.95rem;margin:.2rem 0 0}
.sc-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.sc-error{background:#fde8e8;border-left:4px solid #b3261e;padding:.75rem 1rem;border-radius:4px}
.sc-ok{background:#e6f4ea;border-left:4px solid #0a6b2d;padding:.75rem 1rem;border-radius:4px}
.sc-search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:flex-end;margin:1rem 0}
.sc-search div{flex:1 1 14rem}
.sc-rating{margin:2rem 0 1rem;border-top:1px solid #d5dbe1;padding-top:1rem}
.sc-rating fieldset{border:0;padding:0;margin:0}
.sc-rating legend{font-weight:700;font-size:1.05rem;margin-bottom:.4rem}
.sc-rating .opts{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin:.3rem 0 .6rem}
.sc-rating .opts label{display:inline-flex;align-items:center;gap:.3rem;min-height:2.75rem}
.sc-rating textarea{width:100%;max-width:40rem;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #6b7785;border-radius:4px}
.sc-rating .thanks{display:none}
.sc-rating .thanks:target{display:block}
html.hc .sc-error,html.hc .sc-ok,html.hc .sc-day th{background:#000;color:#fff}
html.hc .sc-open,html.hc .sc-upcoming,html.hc .sc-closed,html.hc .sc-undated,html.hc .sc-hint{color:#fff}
`;
