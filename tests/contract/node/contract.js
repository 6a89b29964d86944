// The official chartmogul-node client, unchanged, against `mogul serve`.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... node contract.js
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const config = new ChartMogul.Config(process.env.MOGUL_API_KEY, process.env.MOGUL_BASE_URL);
config.retries = 0;
const tag = Math.random().toString(36).slice(2, 10);
const checks = [];

async function check(name, fn) {
  await fn();
  checks.push(name);
}

async function statusOf(promise) {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    return err.status;
  }
}

async function main() {
  let ds, customer, plan, invoice;

  await check('data sources: create, list, retrieve', async () => {
    ds = await ChartMogul.DataSource.create(config, { name: `node-${tag}` });
    assert.match(ds.uuid, /^ds_/);
    assert.equal(ds.name, `node-${tag}`);
    const list = await ChartMogul.DataSource.all(config, { name: `node-${tag}` });
    assert.deepEqual(list.data_sources.map((d) => d.uuid), [ds.uuid]);
    const one = await ChartMogul.DataSource.retrieve(config, ds.uuid);
    assert.equal(one.created_at, ds.created_at);
  });

  await check('customers: create, list, retrieve', async () => {
    customer = await ChartMogul.Customer.create(config, {
      data_source_uuid: ds.uuid,
      external_id: `cus-${tag}`,
      name: 'Node Customer',
      email: `node-${tag}@example.com`,
      country: 'DE',
      attributes: { tags: ['node'], custom: [{ type: 'Integer', key: 'seats', value: 3 }] },
    });
    assert.match(customer.uuid, /^cus_/);
    assert.deepEqual(customer.attributes.custom, { seats: 3 });
    const list = await ChartMogul.Customer.all(config, { data_source_uuid: ds.uuid });
    assert.deepEqual(list.entries.map((c) => c.uuid), [customer.uuid]);
    assert.equal(list.has_more, false);
    const one = await ChartMogul.Customer.retrieve(config, customer.uuid);
    assert.equal(one.email, `node-${tag}@example.com`);
    assert.equal(one.status, 'New Lead');
  });

  await check('plans: create, list, retrieve', async () => {
    plan = await ChartMogul.Plan.create(config, {
      data_source_uuid: ds.uuid, name: 'Node Gold', interval_count: 12, interval_unit: 'month', external_id: `pl-${tag}`,
    });
    assert.match(plan.uuid, /^pl_/);
    const list = await ChartMogul.Plan.all(config, { data_source_uuid: ds.uuid });
    assert.deepEqual(list.plans.map((p) => p.uuid), [plan.uuid]);
    const one = await ChartMogul.Plan.retrieve(config, plan.uuid);
    assert.equal(one.interval_count, 12);
  });

  await check('invoices: import, list, retrieve', async () => {
    const created = await ChartMogul.Invoice.create(config, customer.uuid, {
      invoices: [{
        external_id: `inv-${tag}`, date: '2023-01-01 00:00:00', currency: 'EUR',
        line_items: [{
          type: 'subscription', subscription_external_id: `sub-${tag}`, plan_uuid: plan.uuid,
          service_period_start: '2023-01-01 00:00:00', service_period_end: '2024-01-01 00:00:00',
          amount_in_cents: 120000, quantity: 1,
        }],
        transactions: [{ date: '2023-01-01 00:00:00', type: 'payment', result: 'successful' }],
      }],
    });
    invoice = created.invoices[0];
    assert.match(invoice.uuid, /^inv_/);
    assert.equal(invoice.line_items[0].amount_in_cents, 120000);
    const mine = await ChartMogul.Invoice.all(config, customer.uuid, {});
    assert.deepEqual(mine.invoices.map((i) => i.uuid), [invoice.uuid]);
    assert.equal(mine.customer_uuid, customer.uuid);
    const all = await ChartMogul.Invoice.all(config, { data_source_uuid: ds.uuid });
    assert.deepEqual(all.invoices.map((i) => i.uuid), [invoice.uuid]);
    const one = await ChartMogul.Invoice.retrieve(config, invoice.uuid);
    assert.equal(one.currency, 'EUR');
  });

  await check('subscriptions: cancel', async () => {
    const subs = await ChartMogul.Subscription.all(config, customer.uuid, {});
    assert.equal(subs.subscriptions.length, 1);
    const cancelled = await ChartMogul.Subscription.cancel(config, subs.subscriptions[0].uuid, {
      cancelled_at: '2023-06-01 00:00:00',
    });
    assert.deepEqual(cancelled.cancellation_dates, ['2023-06-01T00:00:00.000Z']);
    const view = await ChartMogul.Metrics.Customer.subscriptions(config, customer.uuid, {});
    assert.equal(view.entries[0].status, 'inactive');
  });

  await check('activities export: create, retrieve, and the file', async () => {
    const made = await ChartMogul.Metrics.ActivitiesExport.create(config, {
      'start-date': '2023-06-01T00:00:00Z', 'end-date': '2023-06-01T00:00:00Z', type: 'churn',
    });
    assert.equal(made.status, 'pending');
    assert.deepEqual(made.params, {
      kind: 'activities',
      params: { activity_type: 'churn', start_date: '2023-06-01 00:00:00 +0000', end_date: '2023-06-01 00:00:00 +0000' },
    });
    const done = await ChartMogul.Metrics.ActivitiesExport.retrieve(config, made.id);
    assert.equal(done.status, 'succeeded');
    assert.equal(done.file_url, `${process.env.MOGUL_BASE_URL}/v1/activities_export/${made.id}/file`);
    const auth = `Basic ${Buffer.from(`${process.env.MOGUL_API_KEY}:`).toString('base64')}`;
    const file = await fetch(done.file_url, { headers: { Authorization: auth } });
    assert.equal(file.headers.get('content-type'), 'application/zip');
    // a zip's first entry is stored with its name right after a 30-byte header
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.equal(bytes.subarray(30, 30 + 'activities.csv'.length).toString(), 'activities.csv');
  });

  await check('errors: 404 and 422 reach the caller with status and body', async () => {
    assert.equal(await statusOf(ChartMogul.Customer.retrieve(config, 'cus_nope')), 404);
    try {
      await ChartMogul.Plan.create(config, {
        data_source_uuid: ds.uuid, name: 'dup', interval_count: 1, interval_unit: 'month', external_id: `pl-${tag}`,
      });
      assert.fail('duplicate plan was accepted');
    } catch (err) {
      assert.equal(err.status, 422);
      assert.deepEqual(err.response.body, { errors: { external_id: 'A plan with this identifier already exists in our system.' } });
    }
  });

  await check('deletes: invoice, plan, customer, data source', async () => {
    await ChartMogul.Invoice.destroy(config, invoice.uuid);
    assert.equal(await statusOf(ChartMogul.Invoice.retrieve(config, invoice.uuid)), 404);
    await ChartMogul.Plan.destroy(config, plan.uuid);
    assert.equal(await statusOf(ChartMogul.Plan.retrieve(config, plan.uuid)), 404);
    await ChartMogul.Customer.destroy(config, customer.uuid);
    assert.equal(await statusOf(ChartMogul.Customer.retrieve(config, customer.uuid)), 404);
    await ChartMogul.DataSource.destroy(config, ds.uuid);
    assert.equal(await statusOf(ChartMogul.DataSource.retrieve(config, ds.uuid)), 404);
  });

  console.log(JSON.stringify({ passed: checks }));
}

main().catch((err) => {
  console.error(err && err.response ? `${err.status} ${err.response.text}` : err);
  process.exit(1);
});
