// A network file of N sites for the console's benchmark, made from the demo network's
// sites (their kinds, places, hours, animators) spread over its communes.
//   node bench/console/make-network.mjs 50 > network.json
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const count = Number(process.argv[2] || 50);
const demo = JSON.parse(readFileSync(fileURLToPath(new URL('../../assets/demo/ccsb-network.json', import.meta.url)), 'utf8'));
const sites = [];
for (let i = 0; i < count; i += 1) {
  const base = demo.sites[i % demo.sites.length];
  const entry = demo.communes[i % demo.communes.length];
  const commune = typeof entry === 'string' ? entry : entry.name;
  // Spread the copies around the original place (about 4 km), deterministically.
  const angle = (i * 2.399963) % (2 * Math.PI);
  const r = 0.02 + 0.01 * Math.floor(i / demo.sites.length);
  const id = `${base.id}-${String(i + 1).padStart(2, '0')}`;
  sites.push({
    ...base,
    id,
    // Named places are the site's own ("SITE/LOCAL"); a count stays a count.
    places: Array.isArray(base.places) ? base.places.map((p) => ({ ...p, id: `${id}/${p.id.split('/').pop()}` })) : base.places,
    name: `${base.name} n° ${i + 1}`,
    commune,
    lat: Number((base.lat + r * Math.sin(angle)).toFixed(4)),
    lon: Number((base.lon + r * Math.cos(angle)).toFixed(4)),
  });
}
process.stdout.write(`${JSON.stringify({ ...demo, about: `Benchmark network: ${count} sites made from the demo network's`, sites, travel_times: [] }, null, 1)}\n`);
