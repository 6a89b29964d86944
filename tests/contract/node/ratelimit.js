// A burst of pings from the official chartmogul-node client, with its own retries (20 by default),
// against `mogul serve --rate-limit`: every ping gets through.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... MOGUL_BURST=15 node ratelimit.js
'use strict';
const ChartMogul = require('chartmogul-node');

const config = new ChartMogul.Config(process.env.MOGUL_API_KEY, process.env.MOGUL_BASE_URL);
const burst = Number(process.env.MOGUL_BURST);

async function main() {
  const answers = await Promise.all(Array.from({ length: burst }, () => ChartMogul.Ping.ping(config)));
  console.log(JSON.stringify({ pongs: answers.filter((a) => a.data === 'pong!').length }));
}

main().catch((err) => {
  console.error(err.status, err.response && err.response.text, err.stack);
  process.exit(1);
});
