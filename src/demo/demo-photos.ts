import sharp from 'sharp';

/**
 * Illustrations for the demo articles, drawn in-process: a small SVG scene
 * (a school, a classroom, a meeting hall…) made of shapes and gradients, with
 * a caption-like label, rendered to PNG by sharp. No photo files ship with
 * the code and nothing is downloaded. Each picture says it is an illustration.
 */
export type Scene =
  | { kind: 'hall'; banner: string[] }
  | { kind: 'computers' }
  | { kind: 'school' }
  | { kind: 'classroom' }
  | { kind: 'lab' }
  | { kind: 'library' }
  | { kind: 'village' }
  | { kind: 'fair' }
  | { kind: 'chart'; title: string; bars: [string, number][] };

const W = 1200;
const H = 800;

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = ReturnType<typeof random>;
const pick = <T,>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SKIN = ['#f3cfa9', '#e9b98f', '#d9a679', '#f6d8bb'];
const HAIR = ['#1d1a17', '#2b2420', '#3a2b22', '#141414'];
const SHIRTS = ['#ffffff', '#f4f6f8', '#dbe9f7', '#1f5fa8', '#c0392b', '#2e8b57', '#f2c14e', '#7d5ba6'];

function star(cx: number, cy: number, r: number, fill: string) {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 ? r * 0.4 : r;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(cx + rad * Math.cos(a)).toFixed(1)},${(cy + rad * Math.sin(a)).toFixed(1)}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="${fill}"/>`;
}

function flag(x: number, groundY: number, h = 300) {
  const top = groundY - h;
  return `<rect x="${x - 3}" y="${top}" width="6" height="${h}" fill="#9aa3ab"/>
    <rect x="${x + 3}" y="${top + 6}" width="96" height="64" fill="#da251d"/>${star(x + 51, top + 38, 20, '#ffde00')}`;
}

function tree(x: number, groundY: number, s: number, r: Rand) {
  const g = pick(r, ['#2f8f46', '#3a9d4f', '#277a3b', '#4caf50']);
  return `<rect x="${x - 8 * s}" y="${groundY - 70 * s}" width="${16 * s}" height="${70 * s}" fill="#7a4e2d"/>
    <circle cx="${x}" cy="${groundY - 110 * s}" r="${55 * s}" fill="${g}"/>
    <circle cx="${x - 40 * s}" cy="${groundY - 85 * s}" r="${38 * s}" fill="${g}"/>
    <circle cx="${x + 40 * s}" cy="${groundY - 85 * s}" r="${40 * s}" fill="${g}" opacity="0.95"/>`;
}

/** A standing person seen from the front, feet at (x, y). */
function person(x: number, y: number, s: number, r: Rand, shirt = pick(r, SHIRTS), trousers = pick(r, ['#1e2f4d', '#2c3e50', '#34495e'])) {
  return `<g>
    <rect x="${x - 14 * s}" y="${y - 58 * s}" width="${12 * s}" height="${58 * s}" rx="${5 * s}" fill="${trousers}"/>
    <rect x="${x + 2 * s}" y="${y - 58 * s}" width="${12 * s}" height="${58 * s}" rx="${5 * s}" fill="${trousers}"/>
    <rect x="${x - 22 * s}" y="${y - 118 * s}" width="${44 * s}" height="${66 * s}" rx="${14 * s}" fill="${shirt}" stroke="#00000018"/>
    <circle cx="${x}" cy="${y - 134 * s}" r="${17 * s}" fill="${pick(r, SKIN)}"/>
    <path d="M${x - 17 * s},${y - 136 * s} a${17 * s},${17 * s} 0 0 1 ${34 * s},0 q${-17 * s},${-8 * s} ${-34 * s},0z" fill="${pick(r, HAIR)}"/>
  </g>`;
}

/** A seated person seen from behind (audience, pupils at desks). */
function backOfHead(x: number, y: number, s: number, r: Rand, shirt = pick(r, SHIRTS)) {
  return `<ellipse cx="${x}" cy="${y + 30 * s}" rx="${34 * s}" ry="${24 * s}" fill="${shirt}" stroke="#00000018"/>
    <circle cx="${x}" cy="${y}" r="${18 * s}" fill="${pick(r, HAIR)}"/>`;
}

function sky(top = '#6fb7e9', bottom = '#e4f4ff') {
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>`;
}

function hall(banner: string[], r: Rand) {
  const lines = banner.map((l, i) => {
    const size = Math.min(44, Math.floor(1500 / Math.max(l.length, 10)));
    return `<text x="600" y="${150 + i * (size + 16)}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="${size}" fill="#ffe36e" text-anchor="middle">${esc(l)}</text>`;
  });
  let audience = '';
  for (let row = 0; row < 3; row++) {
    for (let i = 0; i < 11; i++) audience += backOfHead(80 + i * 104 + (row % 2) * 40 + r() * 10, 520 + row * 95, 1 + row * 0.12, r, pick(r, ['#ffffff', '#dbe9f7', '#1f3b63', '#f4f6f8', '#8c1d18']));
  }
  return `<defs><linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#efe4cf"/><stop offset="1" stop-color="#d8c7a6"/></linearGradient>
      <linearGradient id="stage" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9b1c1c"/><stop offset="1" stop-color="#6d1010"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#wall)"/>
    <rect x="70" y="50" width="1060" height="310" fill="url(#stage)"/>
    ${star(600, 95, 26, '#ffde00')}
    ${lines.join('')}
    <rect x="60" y="360" width="1080" height="40" fill="#7b4a26"/>
    <rect x="520" y="250" width="160" height="110" fill="#a0612f"/>
    <circle cx="560" cy="250" r="16" fill="#f06292"/><circle cx="590" cy="242" r="18" fill="#ffd54f"/><circle cx="622" cy="250" r="16" fill="#f06292"/><circle cx="650" cy="246" r="14" fill="#fff59d"/>
    <rect x="0" y="400" width="${W}" height="400" fill="#b79a74"/>
    ${audience}`;
}

function computers(r: Rand) {
  let out = `<rect width="${W}" height="${H}" fill="#e6edf3"/>
    <rect x="80" y="60" width="260" height="200" fill="#bfe3ff" stroke="#9fb3c4" stroke-width="10"/>
    <rect x="860" y="60" width="260" height="200" fill="#bfe3ff" stroke="#9fb3c4" stroke-width="10"/>
    <rect x="420" y="70" width="360" height="170" rx="6" fill="#fdfdfd" stroke="#c7d0d8" stroke-width="6"/>
    <rect x="450" y="100" width="300" height="18" fill="#1f5fa8"/><rect x="450" y="135" width="220" height="12" fill="#9fb3c4"/><rect x="450" y="160" width="260" height="12" fill="#9fb3c4"/><rect x="450" y="185" width="180" height="12" fill="#9fb3c4"/>
    <rect x="0" y="560" width="${W}" height="240" fill="#c9d3dc"/>`;
  for (const [y, s] of [[330, 0.85], [470, 1.05]] as const) {
    out += `<rect x="40" y="${y + 90 * s}" width="1120" height="${26 * s}" fill="#8d6e54"/>`;
    for (let i = 0; i < 6; i++) {
      const x = 120 + i * 190;
      out += `<rect x="${x - 62 * s}" y="${y}" width="${124 * s}" height="${80 * s}" rx="5" fill="#22313f"/>
        <rect x="${x - 55 * s}" y="${y + 7 * s}" width="${110 * s}" height="${62 * s}" fill="${pick(r, ['#4aa3df', '#5dade2', '#48c9b0', '#85c1e9'])}"/>
        <rect x="${x - 8 * s}" y="${y + 80 * s}" width="${16 * s}" height="${12 * s}" fill="#22313f"/>`;
    }
  }
  for (let i = 0; i < 6; i++) out += backOfHead(120 + i * 190 + 10, 650, 1.35, r, pick(r, ['#ffffff', '#1f3b63', '#dbe9f7', '#2e8b57']));
  return out;
}

function school(r: Rand) {
  let windows = '';
  for (let f = 0; f < 3; f++) for (let i = 0; i < 9; i++) windows += `<rect x="${250 + i * 78}" y="${205 + f * 92}" width="48" height="56" rx="3" fill="#6a9ec9" stroke="#f7f1e3" stroke-width="4"/>`;
  let kids = '';
  for (let i = 0; i < 7; i++) kids += person(120 + i * 150 + r() * 40, 740 + r() * 30, 0.8 + r() * 0.15, r, '#ffffff', pick(r, ['#1e2f4d', '#23395d']));
  return `${sky()}
    <circle cx="1060" cy="120" r="60" fill="#ffd95a"/>
    <rect x="200" y="170" width="800" height="320" fill="#f2d16b"/>
    <rect x="190" y="150" width="820" height="30" fill="#b5462f"/>
    ${windows}
    <rect x="555" y="400" width="90" height="90" fill="#8b5a2b"/>
    <rect x="470" y="150" width="260" height="40" fill="#1f5fa8"/>
    <rect x="0" y="490" width="${W}" height="310" fill="#d9d4c7"/>
    <rect x="0" y="490" width="${W}" height="16" fill="#bdb6a6"/>
    ${tree(100, 500, 1.3, r)}${tree(1110, 500, 1.2, r)}
    ${flag(600, 640, 240)}
    ${kids}`;
}

function classroom(r: Rand) {
  let desks = '';
  for (let row = 0; row < 3; row++) {
    const y = 470 + row * 115;
    const s = 1 + row * 0.18;
    desks += `<rect x="${60 - row * 30}" y="${y + 28 * s}" width="${1080 + row * 60}" height="${22 * s}" fill="#a0693a"/>`;
    for (let i = 0; i < 6; i++) desks += backOfHead(130 + i * 190 - row * 6 + r() * 14, y, s, r, pick(r, ['#ffffff', '#ffffff', '#f4f6f8', '#dbe9f7']));
  }
  let chalk = '';
  for (let i = 0; i < 4; i++) chalk += `<rect x="330" y="${120 + i * 40}" width="${200 + r() * 300}" height="8" rx="4" fill="#e8f5e9" opacity="0.85"/>`;
  return `<rect width="${W}" height="${H}" fill="#f5ecd7"/>
    <rect x="280" y="70" width="640" height="290" rx="6" fill="#2e5e3e" stroke="#7b5330" stroke-width="14"/>
    ${chalk}
    <rect x="1000" y="90" width="150" height="240" fill="#cfe8fb" stroke="#fff" stroke-width="10"/>
    <rect x="0" y="420" width="${W}" height="380" fill="#e0d2b4"/>
    ${person(190, 420, 1.25, r, '#c0392b', '#2c3e50')}
    ${desks}`;
}

function lab(r: Rand) {
  let kids = '';
  for (let i = 0; i < 5; i++) kids += person(150 + i * 230 + r() * 30, 690, 1.05, r, i % 2 ? '#ffffff' : '#dbe9f7');
  return `<rect width="${W}" height="${H}" fill="#e9f1f7"/>
    <rect x="60" y="80" width="1080" height="30" fill="#c7d6e2"/>
    <rect x="100" y="130" width="200" height="140" fill="#fff" stroke="#c7d6e2" stroke-width="6"/>
    <circle cx="200" cy="200" r="45" fill="none" stroke="#1f5fa8" stroke-width="8"/><circle cx="200" cy="200" r="12" fill="#1f5fa8"/>
    <rect x="0" y="520" width="${W}" height="280" fill="#cfd8df"/>
    ${kids}
    <rect x="80" y="560" width="1040" height="30" fill="#5d6d7e"/><rect x="110" y="590" width="20" height="160" fill="#5d6d7e"/><rect x="1070" y="590" width="20" height="160" fill="#5d6d7e"/>
    <rect x="520" y="440" width="150" height="110" rx="12" fill="#95a5a6"/><rect x="545" y="380" width="100" height="70" rx="10" fill="#bdc3c7"/>
    <circle cx="575" cy="412" r="12" fill="#e74c3c"/><circle cx="615" cy="412" r="12" fill="#e74c3c"/>
    <circle cx="545" cy="555" r="20" fill="#2c3e50"/><circle cx="645" cy="555" r="20" fill="#2c3e50"/>
    <rect x="592" y="350" width="6" height="32" fill="#7f8c8d"/><circle cx="595" cy="346" r="8" fill="#f1c40f"/>
    <polygon points="300,560 320,500 340,500 360,560" fill="#aed6f1" stroke="#5dade2" stroke-width="3"/>
    <polygon points="820,560 840,490 860,490 880,560" fill="#abebc6" stroke="#58d68d" stroke-width="3"/>
    <rect x="900" y="500" width="120" height="60" rx="4" fill="#34495e"/><rect x="910" y="508" width="100" height="40" fill="#48c9b0"/>`;
}

function library(r: Rand) {
  let books = '';
  for (let col = 0; col < 3; col++) {
    const x0 = 70 + col * 370;
    books += `<rect x="${x0}" y="70" width="320" height="420" fill="#8d5b34"/>`;
    for (let shelf = 0; shelf < 4; shelf++) {
      const y = 90 + shelf * 100;
      books += `<rect x="${x0 + 10}" y="${y + 80}" width="300" height="10" fill="#6b3f1f"/>`;
      let x = x0 + 14;
      while (x < x0 + 300) {
        const w = 14 + Math.floor(r() * 16);
        const h = 50 + Math.floor(r() * 28);
        if (x + w > x0 + 306) break;
        books += `<rect x="${x}" y="${y + 80 - h}" width="${w}" height="${h}" fill="${pick(r, ['#e74c3c', '#f1c40f', '#3498db', '#2ecc71', '#9b59b6', '#e67e22', '#1abc9c', '#ecf0f1'])}"/>`;
        x += w + 3;
      }
    }
  }
  let kids = '';
  for (let i = 0; i < 6; i++) kids += backOfHead(170 + i * 170 + r() * 20, 640, 1.1, r, pick(r, ['#f48fb1', '#81d4fa', '#fff59d', '#a5d6a7', '#ffffff']));
  return `<rect width="${W}" height="${H}" fill="#fdf3e1"/>${books}
    <rect x="0" y="520" width="${W}" height="280" fill="#f7c873"/>
    <ellipse cx="600" cy="700" rx="520" ry="80" fill="#ef8e6b" opacity="0.55"/>
    ${kids}`;
}

function village(r: Rand) {
  let field = '';
  for (let i = 0; i < 8; i++) field += `<path d="M0,${560 + i * 30} Q600,${520 + i * 34} 1200,${570 + i * 28}" stroke="#7cb342" stroke-width="6" fill="none" opacity="0.6"/>`;
  return `${sky('#8ecae6', '#f1faee')}
    <path d="M0,420 Q200,250 420,400 T820,360 T1200,330 L1200,800 L0,800Z" fill="#5b8c51"/>
    <path d="M0,470 Q300,380 600,460 T1200,440 L1200,800 L0,800Z" fill="#8bc34a"/>
    ${field}
    <path d="M520,800 C560,680 700,620 760,520 S860,460 900,450" stroke="#d7b98e" stroke-width="60" fill="none" stroke-linecap="round"/>
    <rect x="840" y="330" width="240" height="120" fill="#f3e3b3"/><polygon points="825,335 960,260 1095,335" fill="#2f6fa8"/>
    <rect x="875" y="360" width="40" height="40" fill="#6a9ec9"/><rect x="1005" y="360" width="40" height="40" fill="#6a9ec9"/><rect x="940" y="385" width="40" height="65" fill="#8b5a2b"/>
    ${flag(1120, 450, 170)}
    ${tree(120, 470, 1.1, r)}${tree(330, 450, 0.9, r)}${tree(720, 430, 0.8, r)}
    ${person(640, 700, 1.3, r, '#f4f6f8', '#2c3e50')}
    <circle cx="560" cy="690" r="32" fill="none" stroke="#333" stroke-width="6"/><circle cx="700" cy="690" r="32" fill="none" stroke="#333" stroke-width="6"/>
    <path d="M560,690 L610,640 L680,640 L700,690 M610,640 L630,690 L680,640" stroke="#c0392b" stroke-width="6" fill="none"/>
    ${person(780, 690, 0.85, r, '#ffffff', '#1e2f4d')}${person(830, 700, 0.8, r, '#ffffff', '#1e2f4d')}`;
}

function fair(r: Rand) {
  let tents = '';
  for (let i = 0; i < 4; i++) {
    const x = 60 + i * 285;
    const c = pick(r, ['#e74c3c', '#3498db', '#27ae60', '#f39c12', '#8e44ad']);
    tents += `<polygon points="${x},330 ${x + 125},250 ${x + 250},330" fill="${c}"/>
      <rect x="${x + 10}" y="330" width="230" height="150" fill="#ffffff" opacity="0.9"/>
      <rect x="${x + 20}" y="420" width="210" height="60" fill="#bdc3c7"/>`;
  }
  let people = '';
  for (let i = 0; i < 9; i++) people += person(80 + i * 130 + r() * 40, 700 + r() * 60, 0.9 + r() * 0.25, r, pick(r, ['#ffffff', '#ffffff', '#dbe9f7', '#1f5fa8']));
  return `${sky('#74b9ff', '#eaf6ff')}
    <rect x="0" y="480" width="${W}" height="320" fill="#7fbf5f"/>
    ${tree(40, 480, 0.9, r)}${tree(1170, 480, 1, r)}
    ${tents}
    <rect x="300" y="130" width="600" height="80" rx="8" fill="#1f5fa8"/>
    <text x="600" y="185" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="40" fill="#fff" text-anchor="middle">NGÀY HỘI STEM</text>
    ${people}`;
}

function chart(title: string, bars: [string, number][]) {
  const max = Math.max(...bars.map((b) => b[1]));
  const bw = Math.floor(900 / bars.length) - 40;
  const out = bars.map(([label, v], i) => {
    const h = Math.round((v / max) * 420);
    const x = 170 + i * (bw + 40);
    return `<rect x="${x}" y="${640 - h}" width="${bw}" height="${h}" rx="6" fill="${['#1f5fa8', '#2e86de', '#54a0ff', '#48dbfb', '#0abde3'][i % 5]}"/>
      <text x="${x + bw / 2}" y="${630 - h}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="34" fill="#13293d" text-anchor="middle">${esc(v.toLocaleString('vi-VN'))}</text>
      <text x="${x + bw / 2}" y="680" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#13293d" text-anchor="middle">${esc(label)}</text>`;
  });
  return `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f7fbff"/><stop offset="1" stop-color="#dcecfb"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#bg)"/>
    <rect x="0" y="0" width="${W}" height="110" fill="#0b4f8a"/>
    <text x="600" y="70" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="38" fill="#fff" text-anchor="middle">${esc(title)}</text>
    <rect x="140" y="640" width="920" height="4" fill="#13293d"/>
    ${out.join('')}`;
}

export function sceneSvg(scene: Scene, label: string, seed: number): string {
  const r = random(seed);
  const body =
    scene.kind === 'hall' ? hall(scene.banner, r)
    : scene.kind === 'computers' ? computers(r)
    : scene.kind === 'school' ? school(r)
    : scene.kind === 'classroom' ? classroom(r)
    : scene.kind === 'lab' ? lab(r)
    : scene.kind === 'library' ? library(r)
    : scene.kind === 'village' ? village(r)
    : scene.kind === 'fair' ? fair(r)
    : chart(scene.title, scene.bars);
  const tag = `<rect x="24" y="${H - 66}" width="${Math.min(1150, 40 + label.length * 13.5)}" height="44" rx="8" fill="#000" fill-opacity="0.55"/>
    <text x="44" y="${H - 36}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="24" fill="#fff">${esc(label)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}${tag}</svg>`;
}

/** The illustration as a PNG (what a camera upload would be: decoded and resized by uploadImage). */
export async function renderScene(scene: Scene, label: string, seed: number): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(scene, label, seed))).png({ compressionLevel: 1 }).toBuffer();
}
