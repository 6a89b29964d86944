// The official chartmogul-node client, unchanged, on the CRM resources of `mogul serve`: every method it
// has for contacts, customer notes, opportunities and tasks.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... MOGUL_OTHER_KEY=... node crm.js
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const { config, other, tag, checks, check, refusal } = require('./crm_common');

// Every entry of a list, page by page along the cursor.
async function everything(resource, method, ...args) {
  const query = args.pop();
  const list = (...more) => resource[method](...more);
  const out = [];
  let cursor;
  for (;;) {
    const page = await list(...args, cursor ? { ...query, cursor } : query);
    out.push(...page.entries);
    if (!page.has_more) return out;
    cursor = page.cursor;
  }
}

const uuids = (entries, key = 'uuid') => entries.map((e) => e[key]);

async function main() {
  const ds = await ChartMogul.DataSource.create(config, { name: `node-crm-${tag}` });
  const customer = await ChartMogul.Customer.create(config, {
    data_source_uuid: ds.uuid, external_id: `cus-${tag}`, name: 'Node CRM',
  });

  await check('contacts: create, createContact, all, contacts, retrieve, modify, patch, update, merge, destroy', async () => {
    const made = await ChartMogul.Contact.create(config, {
      customer_uuid: customer.uuid,
      data_source_uuid: ds.uuid,
      first_name: 'Adam',
      last_name: 'Smith',
      position: 1,
      title: 'CEO',
      email: `adam-${tag}@example.com`,
      phone: '+1234567890',
      linked_in: 'https://linkedin.com/example',
      twitter: 'https://twitter.com/example',
      notes: 'Heading\nBody\nFooter',
      custom: [{ key: 'Facebook', value: 'https://www.facebook.com/example' }, { key: 'date_of_birth', value: '1985-01-22' }],
    });
    assert.match(made.uuid, /^con_/);
    assert.deepEqual(made, {
      uuid: made.uuid,
      customer_uuid: customer.uuid,
      customer_external_id: `cus-${tag}`,
      data_source_uuid: ds.uuid,
      external_id: null,
      position: 1,
      first_name: 'Adam',
      last_name: 'Smith',
      title: 'CEO',
      email: `adam-${tag}@example.com`,
      phone: '+1234567890',
      linked_in: 'https://linkedin.com/example',
      twitter: 'https://twitter.com/example',
      notes: 'Heading\nBody\nFooter',
      custom: { Facebook: 'https://www.facebook.com/example', date_of_birth: '1985-01-22' },
    });
    const second = await ChartMogul.Customer.createContact(config, customer.uuid, {
      data_source_uuid: ds.uuid, first_name: 'Eve', external_id: `eve-${tag}`,
    });
    assert.equal(second.position, 2);
    assert.deepEqual(uuids((await ChartMogul.Contact.all(config, { customer_uuid: customer.uuid })).entries), [made.uuid, second.uuid]);
    const byEmail = await ChartMogul.Contact.all(config, { email: `adam-${tag}@example.com` });
    assert.deepEqual([uuids(byEmail.entries), byEmail.has_more, byEmail.cursor], [[made.uuid], false, null]);
    assert.deepEqual(uuids((await ChartMogul.Contact.all(config, { external_id: `eve-${tag}` })).entries), [second.uuid]);
    assert.deepEqual(uuids(await everything(ChartMogul.Customer, 'contacts', config, customer.uuid, { per_page: 1 })), [made.uuid, second.uuid]);
    assert.equal((await ChartMogul.Contact.retrieve(config, made.uuid)).notes, 'Heading\nBody\nFooter');
    const modified = await ChartMogul.Contact.modify(config, made.uuid, { title: 'CTO', custom: [{ key: 'seats', value: 3 }] });
    assert.deepEqual([modified.title, modified.custom.seats, modified.custom.date_of_birth], ['CTO', 3, '1985-01-22']);
    assert.equal((await ChartMogul.Contact.patch(config, made.uuid, { phone: null })).phone, null);
    assert.equal((await ChartMogul.Contact.update(config, second.uuid, { last_name: 'Jones' })).last_name, 'Jones');
    const merged = await ChartMogul.Contact.merge(config, second.uuid, made.uuid);
    assert.deepEqual(
      [merged.uuid, merged.first_name, merged.last_name, merged.title, merged.external_id, merged.custom.seats],
      [second.uuid, 'Eve', 'Jones', 'CTO', `eve-${tag}`, 3],
    );
    assert.deepEqual(await refusal(ChartMogul.Contact.retrieve(config, made.uuid)), [404, { error: 'Contact not found' }]);
    assert.deepEqual(await ChartMogul.Contact.destroy(config, second.uuid), {});
    assert.deepEqual((await ChartMogul.Customer.contacts(config, customer.uuid, {})).entries, []);
  });

  await check('customer notes: create, createNote, all, notes, retrieve, modify, patch, update, destroy', async () => {
    const note = await ChartMogul.CustomerNote.create(config, {
      customer_uuid: customer.uuid, type: 'note', text: 'This is a note', author_email: 'john@example.com',
      created_at: '2023-11-01T12:00:00Z',
    });
    assert.match(note.uuid, /^note_/);
    assert.deepEqual(note, {
      uuid: note.uuid,
      customer_uuid: customer.uuid,
      type: 'note',
      text: 'This is a note',
      call_duration: 0,
      author: 'john@example.com',
      created_at: '2023-11-01T12:00:00.000Z',
      updated_at: note.updated_at,
    });
    const call = await ChartMogul.Customer.createNote(config, customer.uuid, { type: 'call', text: 'A call', call_duration: 60 });
    assert.deepEqual([call.customer_uuid, call.type, call.call_duration], [customer.uuid, 'call', 60]);
    assert.deepEqual(uuids((await ChartMogul.CustomerNote.all(config, { customer_uuid: customer.uuid })).entries), [note.uuid, call.uuid]);
    assert.deepEqual(uuids((await ChartMogul.Customer.notes(config, customer.uuid, { type: 'call' })).entries), [call.uuid]);
    assert.deepEqual(uuids(await everything(ChartMogul.Customer, 'notes', config, customer.uuid, { per_page: 1 })), [note.uuid, call.uuid]);
    assert.equal((await ChartMogul.CustomerNote.retrieve(config, note.uuid)).text, 'This is a note');
    assert.equal((await ChartMogul.CustomerNote.modify(config, note.uuid, { text: 'new text' })).text, 'new text');
    assert.equal((await ChartMogul.CustomerNote.patch(config, call.uuid, { call_duration: 90 })).call_duration, 90);
    const updated = await ChartMogul.CustomerNote.update(config, call.uuid, { updated_at: '2024-01-02T00:00:00Z' });
    assert.equal(updated.updated_at, '2024-01-02T00:00:00.000Z');
    assert.deepEqual(await refusal(ChartMogul.CustomerNote.create(config, { customer_uuid: customer.uuid, type: 'memo' })), [
      422, { errors: { type: 'type must be one of: note, call.' } },
    ]);
    assert.deepEqual(await ChartMogul.CustomerNote.destroy(config, note.uuid), {});
    assert.deepEqual(uuids((await ChartMogul.Customer.notes(config, customer.uuid, {})).entries), [call.uuid]);
  });

  await check('opportunities: create, createOpportunity, all, opportunities, retrieve, modify, patch, update, destroy', async () => {
    const made = await ChartMogul.Opportunity.create(config, {
      customer_uuid: customer.uuid, owner: 'test1@example.org', pipeline: 'New Business', pipeline_stage: 'Discovery',
      estimated_close_date: '2024-03-30', currency: 'USD', amount_in_cents: 100000, type: 'one-time',
      forecast_category: 'best_case', win_likelihood: 30, custom: [{ key: 'seats', value: 3 }],
    });
    assert.deepEqual(made, {
      uuid: made.uuid,
      customer_uuid: customer.uuid,
      owner: 'test1@example.org',
      pipeline: 'New Business',
      pipeline_stage: 'Discovery',
      estimated_close_date: '2024-03-30',
      currency: 'USD',
      amount_in_cents: 100000,
      type: 'one-time',
      forecast_category: 'best_case',
      win_likelihood: 30,
      custom: { seats: 3 },
      created_at: made.created_at,
      updated_at: made.created_at,
    });
    assert.match(made.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const lost = await ChartMogul.Customer.createOpportunity(config, customer.uuid, {
      owner: 'test2@example.org', pipeline: 'Renewals', pipeline_stage: 'Closed Lost',
      estimated_close_date: '2024-05-01', currency: 'EUR', amount_in_cents: 500,
    });
    assert.deepEqual([lost.type, lost.forecast_category, lost.win_likelihood], ['recurring', 'lost', 0]);
    const all = await ChartMogul.Opportunity.all(config, { customer_uuid: customer.uuid, estimated_close_date_on_or_after: '2024-04-01' });
    assert.deepEqual(uuids(all.entries), [lost.uuid]);
    assert.deepEqual(uuids((await ChartMogul.Customer.opportunities(config, customer.uuid, { owner: 'test1@example.org' })).entries), [made.uuid]);
    assert.deepEqual(uuids(await everything(ChartMogul.Customer, 'opportunities', config, customer.uuid, { per_page: 1 })), [made.uuid, lost.uuid]);
    assert.equal((await ChartMogul.Opportunity.retrieve(config, lost.uuid)).currency, 'EUR');
    assert.equal((await ChartMogul.Opportunity.modify(config, made.uuid, { pipeline_stage: 'Negotiation' })).pipeline_stage, 'Negotiation');
    assert.equal((await ChartMogul.Opportunity.patch(config, made.uuid, { estimated_close_date: '2024-12-22' })).estimated_close_date, '2024-12-22');
    assert.equal((await ChartMogul.Opportunity.update(config, made.uuid, { amount_in_cents: 200000 })).amount_in_cents, 200000);
    assert.deepEqual(await refusal(ChartMogul.Opportunity.modify(config, made.uuid, { win_likelihood: 101 })), [
      422, { errors: { win_likelihood: 'win_likelihood must be less than or equal to 100.' } },
    ]);
    assert.deepEqual(await ChartMogul.Opportunity.destroy(config, made.uuid), {});
    assert.deepEqual(uuids((await ChartMogul.Customer.opportunities(config, customer.uuid, {})).entries), [lost.uuid]);
  });

  await check('tasks: create, createTask, all, tasks, retrieve, modify, patch, update, destroy', async () => {
    const task = await ChartMogul.Task.create(config, {
      customer_uuid: customer.uuid, task_details: 'This is some task details text.', assignee: 'customer@example.com',
      due_date: '2025-04-30T00:00:00Z', completed_at: '2025-04-20T00:00:00Z',
    });
    assert.deepEqual(task, {
      task_uuid: task.task_uuid,
      customer_uuid: customer.uuid,
      associated_object: 'customer',
      associated_object_uuid: customer.uuid,
      task_details: 'This is some task details text.',
      assignee: 'customer@example.com',
      due_date: '2025-04-30T00:00:00.000Z',
      completed_at: '2025-04-20T00:00:00.000Z',
      created_at: task.created_at,
      updated_at: task.created_at,
    });
    const open = await ChartMogul.Customer.createTask(config, customer.uuid, {
      task_details: 'Call back', assignee: 'other@example.com', due_date: '2025-05-02',
    });
    assert.equal(open.completed_at, null);
    assert.deepEqual(uuids((await ChartMogul.Task.all(config, { customer_uuid: customer.uuid, completed: false })).entries, 'task_uuid'), [open.task_uuid]);
    assert.deepEqual(uuids((await ChartMogul.Customer.tasks(config, customer.uuid, { assignee: 'customer@example.com' })).entries, 'task_uuid'), [task.task_uuid]);
    assert.deepEqual(uuids(await everything(ChartMogul.Customer, 'tasks', config, customer.uuid, { per_page: 1 }), 'task_uuid'), [task.task_uuid, open.task_uuid]);
    assert.equal((await ChartMogul.Task.retrieve(config, open.task_uuid)).task_details, 'Call back');
    assert.equal((await ChartMogul.Task.modify(config, open.task_uuid, { task_details: 'Call back later' })).task_details, 'Call back later');
    assert.equal((await ChartMogul.Task.patch(config, open.task_uuid, { completed_at: '2025-05-01' })).completed_at, '2025-05-01T00:00:00.000Z');
    assert.equal((await ChartMogul.Task.update(config, task.task_uuid, { completed_at: null })).completed_at, null);
    assert.deepEqual(await refusal(ChartMogul.Task.create(config, { customer_uuid: customer.uuid, task_details: 'x', assignee: 'a' })), [
      400, { code: 400, message: 'Parameter "due_date" is missing', param: 'due_date' },
    ]);
    assert.deepEqual(await ChartMogul.Task.destroy(config, task.task_uuid), {});
    assert.deepEqual(uuids((await ChartMogul.Customer.tasks(config, customer.uuid, {})).entries, 'task_uuid'), [open.task_uuid]);
  });

  await check('another account: 404 for every object, an empty list', async () => {
    const contact = await ChartMogul.Customer.createContact(config, customer.uuid, { data_source_uuid: ds.uuid });
    const note = await ChartMogul.Customer.createNote(config, customer.uuid, { type: 'note' });
    assert.deepEqual(await refusal(ChartMogul.Contact.retrieve(other, contact.uuid)), [404, { error: 'Contact not found' }]);
    assert.deepEqual(await refusal(ChartMogul.Contact.merge(other, contact.uuid, contact.uuid)), [404, { error: 'Contact not found' }]);
    assert.deepEqual(await refusal(ChartMogul.CustomerNote.destroy(other, note.uuid)), [404, { error: 'Customer note not found' }]);
    assert.deepEqual(await refusal(ChartMogul.Customer.contacts(other, customer.uuid, {})), [404, { error: 'Customer not found' }]);
    assert.deepEqual(await refusal(ChartMogul.Customer.createTask(other, customer.uuid, {
      task_details: 'x', assignee: 'a', due_date: '2025-01-01',
    })), [404, { error: 'Customer not found' }]);
    assert.deepEqual((await ChartMogul.Customer.notes(other, customer.uuid, {})).entries, []);
  });

  await ChartMogul.DataSource.destroy(config, ds.uuid);
  console.log(JSON.stringify({ passed: checks }));
}

main().catch((err) => {
  console.error(err && err.response ? `${err.status} ${err.response.text}` : err);
  process.exit(1);
});
