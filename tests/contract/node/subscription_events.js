// The official chartmogul-node client, unchanged, on the subscription events of `mogul serve`: every
// method SubscriptionEvent has (create, all, updateWithParams, deleteWithParams, disable, enable), the
// values it resolves, and the MRR the server derives from the events.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... MOGUL_OTHER_KEY=... node subscription_events.js
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const config = new ChartMogul.Config(process.env.MOGUL_API_KEY, process.env.MOGUL_BASE_URL);
config.retries = 0;
const other = new ChartMogul.Config(process.env.MOGUL_OTHER_KEY, process.env.MOGUL_BASE_URL);
other.retries = 0;
const tag = Math.random().toString(36).slice(2, 10);
const checks = [];
const Event = ChartMogul.SubscriptionEvent;

async function check(name, fn) {
  await fn();
  checks.push(name);
}

// The status and body a call is refused with.
async function refusal(promise) {
  try {
    await promise;
  } catch (err) {
    return [err.status, err.response.body];
  }
  assert.fail('the call was not refused');
}

const ids = (page) => page.subscription_events.map((e) => e.id);

async function main() {
  const ds = await ChartMogul.DataSource.create(config, { name: `node-events-${tag}` });
  await ChartMogul.Plan.create(config, {
    data_source_uuid: ds.uuid, name: 'Gold', external_id: 'gold', interval_count: 1, interval_unit: 'month',
  });
  const customer = await ChartMogul.Customer.create(config, {
    data_source_uuid: ds.uuid, external_id: 'cus-1', name: 'Node Events',
  });
  const mrr = async () => (await ChartMogul.Customer.retrieve(config, customer.uuid)).mrr;
  const start = {
    data_source_uuid: ds.uuid,
    customer_external_id: 'cus-1',
    subscription_external_id: 'sub-1',
    event_type: 'subscription_start',
    event_date: '2024-01-01',
    effective_date: '2024-01-01',
    plan_external_id: 'gold',
    currency: 'USD',
    amount_in_cents: 10000,
    quantity: 1,
  };
  let made;
  let update;

  await check('create, all', async () => {
    made = await Event.create(config, { ...start, external_id: 'ev-1' });
    assert.deepEqual(made, {
      id: made.id,
      data_source_uuid: ds.uuid,
      customer_external_id: 'cus-1',
      subscription_set_external_id: null,
      subscription_external_id: 'sub-1',
      plan_external_id: 'gold',
      event_date: '2024-01-01T00:00:00Z',
      effective_date: '2024-01-01T00:00:00Z',
      event_type: 'subscription_start',
      external_id: 'ev-1',
      errors: {},
      created_at: made.created_at,
      updated_at: made.updated_at,
      quantity: 1,
      currency: 'USD',
      amount_in_cents: 10000,
      tax_amount_in_cents: null,
      retracted_event_id: null,
      event_order: null,
      disabled: false,
      disabled_at: null,
      disabled_by: null,
    });
    assert.equal(typeof made.id, 'number');
    // already enveloped: passed as it is
    update = await Event.create(config, {
      subscription_event: { ...start, event_type: 'subscription_updated', effective_date: '2024-02-01', amount_in_cents: 30000, external_id: 'ev-2' },
    });
    assert.equal(update.amount_in_cents, 30000);
    assert.equal(await mrr(), 30000);
    const all = await Event.all(config, { data_source_uuid: ds.uuid });
    assert.deepEqual([ids(all), all.has_more, all.cursor], [[made.id, update.id], false, null]);
    assert.deepEqual(all.meta, { next_key: null, prev_key: null, before_key: null, page: 1, total_pages: 1 });
    assert.deepEqual(ids(await Event.all(config, { data_source_uuid: ds.uuid, event_type: 'subscription_updated' })), [update.id]);
    const page = await Event.all(config, { data_source_uuid: ds.uuid, per_page: 1 });
    assert.deepEqual([ids(page), page.has_more], [[made.id], true]);
    const rest = await Event.all(config, { data_source_uuid: ds.uuid, per_page: 1, cursor: page.cursor });
    assert.deepEqual([ids(rest), rest.has_more], [[update.id], false]);
  });

  await check('updateWithParams by id and by external id', async () => {
    const changed = await Event.updateWithParams(config, { id: update.id, amount_in_cents: 20000 });
    assert.deepEqual([changed.id, changed.amount_in_cents], [update.id, 20000]);
    assert.equal(await mrr(), 20000);
    const byExternalId = await Event.updateWithParams(config, { data_source_uuid: ds.uuid, external_id: 'ev-2', quantity: 2 });
    assert.deepEqual([byExternalId.id, byExternalId.quantity, byExternalId.amount_in_cents], [update.id, 2, 20000]);
    assert.deepEqual(await refusal(Event.updateWithParams(config, { external_id: 'ev-2' })), [
      400, { code: 400, message: 'Parameter "id", or "data_source_uuid" and "external_id", is missing', param: 'id' },
    ]);
  });

  await check('disable, enable', async () => {
    const off = await Event.disable(config, update.id);
    assert.deepEqual([off.id, off.disabled, off.disabled_by], [update.id, true, null]);
    assert.match(off.disabled_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(await mrr(), 10000);
    assert.deepEqual(ids(await Event.all(config, { data_source_uuid: ds.uuid })), [made.id]);
    assert.deepEqual(ids(await Event.all(config, { data_source_uuid: ds.uuid, with_disabled: true })), [made.id, update.id]);
    const on = await Event.enable(config, update.id);
    assert.deepEqual([on.disabled, on.disabled_at], [false, null]);
    assert.equal(await mrr(), 20000);
  });

  await check('deleteWithParams by id and by external id', async () => {
    assert.deepEqual(await Event.deleteWithParams(config, { id: update.id }), {});
    assert.equal(await mrr(), 10000);
    assert.deepEqual(await Event.deleteWithParams(config, { data_source_uuid: ds.uuid, external_id: 'ev-1' }), {});
    assert.equal(await mrr(), 0);
    assert.deepEqual(await refusal(Event.deleteWithParams(config, { id: made.id })), [404, { error: 'Subscription event not found' }]);
    assert.deepEqual(ids(await Event.all(config, { data_source_uuid: ds.uuid, with_disabled: true })), []);
  });

  await check('another account: 404 for every event, an empty list', async () => {
    const mine = await Event.create(config, start);
    const notFound = [404, { error: 'Subscription event not found' }];
    assert.deepEqual(await refusal(Event.updateWithParams(other, { id: mine.id, quantity: 3 })), notFound);
    assert.deepEqual(await refusal(Event.deleteWithParams(other, { id: mine.id })), notFound);
    assert.deepEqual(await refusal(Event.disable(other, mine.id)), notFound);
    assert.deepEqual(await refusal(Event.enable(other, mine.id)), notFound);
    assert.deepEqual(ids(await Event.all(other, { data_source_uuid: ds.uuid })), []);
    assert.equal(await mrr(), 10000);
  });

  await ChartMogul.DataSource.destroy(config, ds.uuid);
  console.log(JSON.stringify({ passed: checks }));
}

main().catch((err) => {
  console.error(err && err.response ? `${err.status} ${err.response.text}` : err);
  process.exit(1);
});
