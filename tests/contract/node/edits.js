// The official chartmogul-node client, unchanged, on what follows an invoice's import: invoice states,
// line items and transactions, by uuid and by external id, against `mogul serve`.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... MOGUL_OTHER_KEY=... node edits.js
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const config = new ChartMogul.Config(process.env.MOGUL_API_KEY, process.env.MOGUL_BASE_URL);
const other = new ChartMogul.Config(process.env.MOGUL_OTHER_KEY, process.env.MOGUL_BASE_URL);
config.retries = 0;
other.retries = 0;
const tag = Math.random().toString(36).slice(2, 10);
const checks = [];

async function check(name, fn) {
  await fn();
  checks.push(name);
}

async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    return [err.status, err.response && err.response.body];
  }
  assert.fail('the call succeeded');
}

async function main() {
  const ds = await ChartMogul.DataSource.create(config, { name: `node-edits-${tag}` });
  const plan = await ChartMogul.Plan.create(config, {
    data_source_uuid: ds.uuid, name: 'Monthly', interval_count: 1, interval_unit: 'month',
  });
  const customer = await ChartMogul.Customer.create(config, {
    data_source_uuid: ds.uuid, external_id: `cus-${tag}`, name: 'Node Edits',
  });
  const line = (sub, cents, externalId) => ({
    type: 'subscription', subscription_external_id: sub, plan_uuid: plan.uuid, amount_in_cents: cents,
    service_period_start: '2024-01-15 00:00:00', service_period_end: '2024-02-15 00:00:00', external_id: externalId,
  });
  const created = await ChartMogul.Invoice.create(config, customer.uuid, {
    invoices: [{
      external_id: 'inv-1', date: '2024-01-15 00:00:00', currency: 'USD',
      line_items: [line('sub-1', 10000, 'li-1')],
      transactions: [{ date: '2024-01-15 00:00:00', type: 'payment', result: 'successful', external_id: 'tr-1' }],
    }],
  });
  const invoice = created.invoices[0];
  const byExternalId = (externalId) => ({ data_source_uuid: ds.uuid, external_id: externalId });
  const mrr = async () => (await ChartMogul.Customer.retrieve(config, customer.uuid)).mrr;

  await check('invoices: update by uuid and by external id', async () => {
    const changed = await ChartMogul.Invoice.modify(config, invoice.uuid, { due_date: '2024-02-01 00:00:00' });
    assert.equal(changed.due_date, '2024-02-01T00:00:00.000Z');
    assert.equal(changed.status, 'paid');
    const updated = await ChartMogul.Invoice.update(config, { qs: byExternalId('inv-1'), collection_method: 'manual' });
    assert.equal(updated.uuid, invoice.uuid);
    assert.equal(updated.collection_method, 'manual');
    assert.equal(updated.due_date, '2024-02-01T00:00:00.000Z');
  });

  await check('invoices: disable and enable, and the MRR follows', async () => {
    assert.equal(await mrr(), 10000);
    const disabled = await ChartMogul.Invoice.disable(config, invoice.uuid);
    assert.equal(disabled.disabled, true);
    assert.equal(disabled.disabled_by, null);
    assert.deepEqual(disabled.line_items.map((li) => li.disabled), [true]);
    assert.equal(await mrr(), 0);
    assert.deepEqual(await failure(ChartMogul.Invoice.retrieve(config, invoice.uuid)), [404, { error: 'Invoice not found' }]);
    const hidden = await ChartMogul.Invoice.all(config, { customer_uuid: customer.uuid });
    assert.deepEqual(hidden.invoices, []);
    const shown = await ChartMogul.Invoice.all(config, { customer_uuid: customer.uuid, with_disabled: true });
    assert.deepEqual(shown.invoices.map((i) => [i.uuid, i.disabled]), [[invoice.uuid, true]]);
    const enabled = await ChartMogul.Invoice.enableByExternalId(config, byExternalId('inv-1'));
    assert.equal(enabled.disabled, false);
    assert.equal(enabled.disabled_at, null);
    assert.equal(await mrr(), 10000);
    const again = await ChartMogul.Invoice.disableByExternalId(config, byExternalId('inv-1'));
    assert.equal(again.disabled, true);
    await ChartMogul.Invoice.enable(config, invoice.uuid);
    assert.equal(await mrr(), 10000);
  });

  await check('line items: import, retrieve, list, update, disable, enable, delete', async () => {
    const added = await ChartMogul.LineItem.create(config, invoice.uuid, line('sub-2', 3000, 'li-2'));
    assert.match(added.uuid, /^li_/);
    assert.equal(added.subscription_external_id, 'sub-2');
    assert.equal(await mrr(), 13000);
    const one = await ChartMogul.LineItem.retrieve(config, added.uuid);
    assert.equal(one.amount_in_cents, 3000);
    const listed = await ChartMogul.LineItem.all(config, byExternalId('li-2'));
    assert.deepEqual(listed.line_items.map((li) => li.uuid), [added.uuid]);
    const all = await ChartMogul.LineItem.all(config, { data_source_uuid: ds.uuid });
    assert.deepEqual(all.line_items.map((li) => li.external_id), ['li-1', 'li-2']);
    const modified = await ChartMogul.LineItem.modify(config, added.uuid, { amount_in_cents: 4000 });
    assert.equal(modified.amount_in_cents, 4000);
    const updated = await ChartMogul.LineItem.update(config, { qs: byExternalId('li-2'), quantity: 4 });
    assert.equal(updated.quantity, 4);
    assert.equal(await mrr(), 14000);
    assert.equal((await ChartMogul.LineItem.disable(config, added.uuid)).disabled, true);
    assert.equal(await mrr(), 10000);
    assert.equal((await ChartMogul.LineItem.enable(config, byExternalId('li-2'))).disabled, false);
    assert.equal((await ChartMogul.LineItem.disableByExternalId(config, byExternalId('li-2'))).disabled, true);
    assert.deepEqual(await failure(ChartMogul.LineItem.all(config, byExternalId('li-2'))), [404, { error: 'Line item not found' }]);
    assert.equal((await ChartMogul.LineItem.enableByExternalId(config, byExternalId('li-2'))).disabled, false);
    assert.equal(await mrr(), 14000);
    await ChartMogul.LineItem.destroyByExternalId(config, { qs: byExternalId('li-2') });
    assert.equal(await mrr(), 10000);
    assert.deepEqual(await failure(ChartMogul.LineItem.destroy(config, added.uuid)), [404, { error: 'Line item not found' }]);
  });

  await check('transactions: retrieve, list, update, disable, enable, delete', async () => {
    const payment = invoice.transactions[0];
    const one = await ChartMogul.Transaction.retrieve(config, payment.uuid);
    assert.equal(one.external_id, 'tr-1');
    const listed = await ChartMogul.Transaction.all(config, byExternalId('tr-1'));
    assert.deepEqual(listed.transactions.map((t) => t.uuid), [payment.uuid]);
    const failed = await ChartMogul.Transaction.modify(config, payment.uuid, { result: 'failed' });
    assert.equal(failed.result, 'failed');
    assert.equal((await ChartMogul.Invoice.retrieve(config, invoice.uuid)).status, 'open');
    const updated = await ChartMogul.Transaction.update(config, { qs: byExternalId('tr-1'), result: 'successful' });
    assert.equal(updated.result, 'successful');
    assert.equal((await ChartMogul.Transaction.disable(config, payment.uuid)).disabled, true);
    assert.equal((await ChartMogul.Transaction.enable(config, byExternalId('tr-1'))).disabled, false);
    assert.equal((await ChartMogul.Transaction.disableByExternalId(config, byExternalId('tr-1'))).disabled, true);
    assert.equal((await ChartMogul.Transaction.enableByExternalId(config, byExternalId('tr-1'))).disabled, false);
    await ChartMogul.Transaction.destroyByExternalId(config, { qs: byExternalId('tr-1') });
    assert.deepEqual(await failure(ChartMogul.Transaction.destroy(config, payment.uuid)), [404, { error: 'Transaction not found' }]);
    assert.equal(await mrr(), 10000);
  });

  await check('invoices: void', async () => {
    const voided = await ChartMogul.Invoice.updateStatus(config, ds.uuid, 'inv-1', { status: 'voided' });
    assert.equal(voided.message, 'Invoice updated');
    assert.equal(voided.external_id, 'inv-1');
    assert.equal(voided.status, 'voided');
    assert.equal(await mrr(), 0);
    assert.deepEqual(
      await failure(ChartMogul.Invoice.updateStatus(config, ds.uuid, 'inv-1', { status: 'invalid' })),
      [422, { errors: { status: 'status must be one of: voided, written_off.' } }],
    );
  });

  await check("errors: another account's objects are not found", async () => {
    const lineUuid = invoice.line_items[0].uuid;
    const notFound = [
      [() => ChartMogul.Invoice.disable(other, invoice.uuid), 'Invoice not found'],
      [() => ChartMogul.Invoice.modify(other, invoice.uuid, { currency: 'EUR' }), 'Invoice not found'],
      [() => ChartMogul.Invoice.updateStatus(other, ds.uuid, 'inv-1', { status: 'written_off' }), 'Data source not found'],
      [() => ChartMogul.LineItem.create(other, invoice.uuid, { type: 'one_time', amount_in_cents: 1 }), 'Invoice not found'],
      [() => ChartMogul.LineItem.retrieve(other, lineUuid), 'Line item not found'],
      [() => ChartMogul.LineItem.update(other, { qs: byExternalId('li-1'), quantity: 2 }), 'Data source not found'],
      [() => ChartMogul.Transaction.all(other, byExternalId('tr-1')), 'Data source not found'],
    ];
    for (const [call, error] of notFound) {
      assert.deepEqual(await failure(call()), [404, { error }]);
    }
    assert.equal((await ChartMogul.Invoice.retrieve(config, invoice.uuid)).status, 'voided');
  });

  console.log(JSON.stringify({ passed: checks }));
}

main().catch((err) => {
  console.error(err && err.response ? `${err.status} ${err.response.text}` : err);
  process.exit(1);
});
