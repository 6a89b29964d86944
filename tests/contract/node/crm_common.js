// What the CRM scripts (crm.js, entity_notes.js) share: the client on each account's key, a tag that
// keeps names unique, the checks passed so far, and the status and body a call is refused with.
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const config = new ChartMogul.Config(process.env.MOGUL_API_KEY, process.env.MOGUL_BASE_URL);
config.retries = 0;
const other = new ChartMogul.Config(process.env.MOGUL_OTHER_KEY, process.env.MOGUL_BASE_URL);
other.retries = 0;
const tag = Math.random().toString(36).slice(2, 10);
const checks = [];

async function check(name, fn) {
  await fn();
  checks.push(name);
}

async function refusal(promise) {
  try {
    await promise;
  } catch (err) {
    return [err.status, err.response.body];
  }
  assert.fail('the call was not refused');
}

module.exports = { config, other, tag, checks, check, refusal };
