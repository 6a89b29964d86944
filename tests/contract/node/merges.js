// The official chartmogul-node client, unchanged, on customer merges and connected subscriptions of
// `mogul serve`: Customer.merge, Customer.unmerge, Customer.connectSubscriptions and
// disconnectSubscriptions (deprecated), Metrics.Customer.connectSubscriptions and disconnectSubscriptions.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... MOGUL_OTHER_KEY=... node merges.js
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const config = new ChartMogul.Config(process.env.MOGUL_API_KEY, process.env.MOGUL_BASE_URL);
config.retries = 0;
const other = new ChartMogul.Config(process.env.MOGUL_OTHER_KEY, process.env.MOGUL_BASE_URL);
other.retries = 0;
const tag = Math.random().toString(36).slice(2, 10);
const checks = [];
console.warn = () => {}; // the deprecated methods warn on every call

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

const MONTHS = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'];

// A customer in a data source of its own, billed monthly from MONTHS[first] to MONTHS[last].
async function billed(name, sub, cents, first, last, cancelledAt) {
  const ds = await ChartMogul.DataSource.create(config, { name: `${name}-${tag}-${Math.random()}` });
  const plan = await ChartMogul.Plan.create(config, {
    data_source_uuid: ds.uuid, name, interval_count: 1, interval_unit: 'month',
  });
  const customer = await ChartMogul.Customer.create(config, {
    data_source_uuid: ds.uuid, external_id: `${name}-${tag}`, name,
  });
  const invoices = [];
  for (let n = first; n < last; n++) {
    const line = {
      type: 'subscription',
      plan_uuid: plan.uuid,
      subscription_external_id: sub,
      service_period_start: MONTHS[n],
      service_period_end: MONTHS[n + 1],
      amount_in_cents: cents,
    };
    if (cancelledAt && n === last - 1) line.cancelled_at = cancelledAt;
    invoices.push({ external_id: `${sub}-${n}-${tag}`, date: MONTHS[n], currency: 'USD', line_items: [line] });
  }
  await ChartMogul.Invoice.create(config, customer.uuid, { invoices });
  return customer;
}

async function moves(customer) {
  const page = await ChartMogul.Metrics.Customer.activities(config, customer.uuid, {});
  return page.entries.map((a) => [a.type, a['activity-mrr-movement']]);
}

async function main() {
  await check('merge, unmerge', async () => {
    const old = await billed('Stripe', 'sx', 10000, 0, 2);
    const now = await billed('Recurly', 'sy', 5000, 1, 2);
    const body = { from: { customer_uuid: old.uuid }, into: { customer_uuid: now.uuid } };
    assert.deepEqual(await refusal(ChartMogul.Customer.merge(other, body)), [404, { error: 'Customer not found' }]);
    assert.deepEqual(await ChartMogul.Customer.merge(config, body), {});
    assert.deepEqual(await refusal(ChartMogul.Customer.retrieve(config, old.uuid)), [404, { error: 'Customer not found' }]);
    const merged = await ChartMogul.Customer.retrieve(config, now.uuid);
    assert.deepEqual(merged.external_ids, [now.external_id, old.external_id]);
    assert.deepEqual(merged.data_source_uuids, [now.data_source_uuid, old.data_source_uuid]);
    assert.equal(merged.mrr, 15000);
    assert.deepEqual(await moves(now), [['new_biz', 10000], ['expansion', 5000]]);

    const unmerge = {
      customer_uuid: now.uuid,
      data_source_uuid: old.data_source_uuid,
      external_id: old.external_id,
      move_to_new_customer: [],
    };
    assert.deepEqual(await ChartMogul.Customer.unmerge(config, unmerge), {});
    const found = await ChartMogul.Customer.all(config, {
      data_source_uuid: old.data_source_uuid, external_id: old.external_id,
    });
    assert.equal(found.entries.length, 1);
    const back = found.entries[0];
    assert.notEqual(back.uuid, old.uuid);
    assert.deepEqual([back.name, back.mrr], ['Stripe', 10000]);
    assert.deepEqual((await ChartMogul.Customer.retrieve(config, now.uuid)).external_ids, [now.external_id]);
    const [status, answer] = await refusal(ChartMogul.Customer.unmerge(config, unmerge));
    assert.equal(status, 422);
    assert.deepEqual(Object.keys(answer.errors), ['external_id']);
  });

  await check('connectSubscriptions, disconnectSubscriptions (Customer and Metrics.Customer)', async () => {
    // a billing-system switch: Stripe's $100 cancelled mid-March, Recurly's $120 from April
    const old = await billed('Stripe', 'a', 10000, 0, 3, '2024-03-15');
    const now = await billed('Recurly', 'b', 12000, 3, 4);
    await ChartMogul.Customer.merge(config, { from: { customer_uuid: old.uuid }, into: { customer_uuid: now.uuid } });
    const churned = [['new_biz', 10000], ['churn', -10000], ['reactivation', 12000]];
    const connected = [['new_biz', 10000], ['expansion', 2000]];
    assert.deepEqual(await moves(now), churned);

    const subs = (await ChartMogul.Metrics.Customer.subscriptions(config, now.uuid, {})).entries;
    const byId = Object.fromEntries(subs.map((s) => [s.external_id, s]));
    // Metrics.Customer: one data source for all, the plain uuids: each subscription's own source here
    const a = [{ uuid: byId.a.uuid }];
    const b = [{ uuid: byId.b.uuid }];
    assert.deepEqual(
      await refusal(ChartMogul.Metrics.Customer.connectSubscriptions(config, old.data_source_uuid, now.uuid, [...a, ...b])),
      [404, { error: 'Subscription not found' }],
    );
    const body = {
      subscriptions: [
        { data_source_uuid: old.data_source_uuid, uuid: byId.a.uuid },
        { data_source_uuid: now.data_source_uuid, external_id: 'b' },
      ],
    };
    assert.deepEqual(await ChartMogul.Customer.connectSubscriptions(config, now.uuid, body), {});
    assert.deepEqual(await moves(now), connected);
    const listed = Object.fromEntries(
      (await ChartMogul.Metrics.Customer.subscriptions(config, now.uuid, {})).entries.map((s) => [s.external_id, s]),
    );
    assert.deepEqual([listed.b['start-date'], listed.b.mrr], ['2024-01-01T00:00:00+00:00', 12000]);
    assert.deepEqual([listed.a.status, listed.a.mrr], ['inactive', 0]);
    assert.deepEqual(await ChartMogul.Customer.disconnectSubscriptions(config, now.uuid, body), {});
    assert.deepEqual(await moves(now), churned);

    // Metrics.Customer's methods, on two subscriptions of one data source
    const single = await billed('Custom', 'c', 3000, 0, 2, '2024-02-15');
    const ds = single.data_source_uuid;
    const plan = (await ChartMogul.Plan.all(config, { data_source_uuid: ds })).plans[0];
    await ChartMogul.Invoice.create(config, single.uuid, {
      invoices: [{
        external_id: `d-${tag}`, date: MONTHS[2], currency: 'USD',
        line_items: [{
          type: 'subscription', plan_uuid: plan.uuid, subscription_external_id: 'd',
          service_period_start: MONTHS[2], service_period_end: MONTHS[3], amount_in_cents: 3000,
        }],
      }],
    });
    assert.deepEqual(await moves(single), [['new_biz', 3000], ['churn', -3000], ['reactivation', 3000]]);
    const pair = (await ChartMogul.Metrics.Customer.subscriptions(config, single.uuid, {})).entries;
    assert.deepEqual(await ChartMogul.Metrics.Customer.connectSubscriptions(config, ds, single.uuid, pair), {});
    // the gap is smoothed over at the cancelled $30, and the same price is no movement
    assert.deepEqual(await moves(single), [['new_biz', 3000]]);
    assert.deepEqual(await ChartMogul.Metrics.Customer.disconnectSubscriptions(config, ds, single.uuid, pair), {});
    assert.deepEqual(await moves(single), [['new_biz', 3000], ['churn', -3000], ['reactivation', 3000]]);
    assert.deepEqual(
      await refusal(ChartMogul.Metrics.Customer.connectSubscriptions(other, ds, single.uuid, pair)),
      [404, { error: 'Customer not found' }],
    );
  });

  console.log(JSON.stringify({ passed: checks }));
}

main().catch((err) => {
  console.error(err && err.response ? `${err.status} ${err.response.text}` : err);
  process.exit(1);
});
