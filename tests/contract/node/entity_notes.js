// The official chartmogul-node client, unchanged, on `mogul serve`'s notes of customers and contacts and
// the tasks of contacts. 3.12.3 has no EntityNote class yet: `EntityNote` below is the client's own
// Resource with the path its newer releases give EntityNote (lib/chartmogul/entity-note.js there);
// contact tasks are Task.all / Task.create with the query and body the newer clients send.
// Usage: MOGUL_BASE_URL=http://127.0.0.1:PORT MOGUL_API_KEY=... MOGUL_OTHER_KEY=... node entity_notes.js
'use strict';
const assert = require('node:assert/strict');
const ChartMogul = require('chartmogul-node');

const Resource = Object.getPrototypeOf(ChartMogul.Task);
class EntityNote extends Resource {
  static get path () {
    return '/v1/notes{/noteUuid}';
  }
}

const { config, other, tag, checks, check, refusal } = require('./crm_common');

const ofContact = (uuid) => ({ associated_object_identifier: { associated_object: 'contact', method: 'uuid', value: uuid } });

async function main () {
  const ds = await ChartMogul.DataSource.create(config, { name: `notes-${tag}` });
  const customer = await ChartMogul.Customer.create(config, { data_source_uuid: ds.uuid, external_id: `c-${tag}`, name: 'C' });
  const contact = await ChartMogul.Customer.createContact(config, customer.uuid, { data_source_uuid: ds.uuid, email: 'a@example.com' });

  await check('notes: create, all, retrieve, modify, patch, update, destroy', async () => {
    const note = await EntityNote.create(config, {
      customer_uuid: customer.uuid, type: 'note', text: 'This is a note', author_email: 'john@example.com',
      created_at: '2023-11-01T00:00:00Z',
    });
    assert.deepEqual(note, {
      uuid: note.uuid,
      customer_uuid: customer.uuid,
      associated_object: 'customer',
      associated_object_uuid: customer.uuid,
      type: 'note',
      text: 'This is a note',
      call_duration: 0,
      author: 'john@example.com',
      created_at: '2023-11-01T00:00:00.000Z',
      updated_at: note.updated_at,
    });
    const call = await EntityNote.create(config, { ...ofContact(contact.uuid), type: 'call', text: 'Hi', call_duration: 60 });
    assert.deepEqual([call.customer_uuid, call.associated_object, call.associated_object_uuid, call.call_duration], [null, 'contact', contact.uuid, 60]);
    const listed = await EntityNote.all(config, { contact_uuid: contact.uuid, type: 'call' });
    assert.deepEqual([listed.entries.map((n) => n.uuid), listed.has_more, listed.cursor], [[call.uuid], false, null]);
    assert.deepEqual((await EntityNote.all(config, { customer_uuid: customer.uuid, per_page: 1 })).entries.map((n) => n.uuid), [note.uuid]);
    assert.equal((await EntityNote.retrieve(config, call.uuid)).text, 'Hi');
    assert.equal((await EntityNote.modify(config, call.uuid, { text: 'Hello' })).text, 'Hello');
    assert.equal((await EntityNote.patch(config, call.uuid, { call_duration: 90 })).call_duration, 90);
    assert.equal((await EntityNote.update(config, note.uuid, { updated_at: '2024-01-02T00:00:00Z' })).updated_at, '2024-01-02T00:00:00.000Z');
    assert.deepEqual(await refusal(EntityNote.create(config, { customer_uuid: customer.uuid })), [
      400, { code: 400, message: 'Parameter "type" is missing', param: 'type' },
    ]);
    assert.deepEqual(await refusal(EntityNote.retrieve(other, note.uuid)), [404, { error: 'Note not found' }]);
    assert.deepEqual(await EntityNote.destroy(config, call.uuid), { message: 'Note has been deleted.' });
    assert.deepEqual(await refusal(EntityNote.retrieve(config, call.uuid)), [404, { error: 'Note not found' }]);
  });

  await check('contact tasks: Task.create with associated_object_identifier, Task.all by contact_uuid', async () => {
    const task = await ChartMogul.Task.create(config, {
      ...ofContact(contact.uuid), task_details: 'Call back', assignee: 'customer@example.com', due_date: '2025-04-30T00:00:00Z',
    });
    assert.deepEqual([task.customer_uuid, task.associated_object, task.associated_object_uuid, task.completed_at], [null, 'contact', contact.uuid, null]);
    const listed = await ChartMogul.Task.all(config, { contact_uuid: contact.uuid, assignee: 'customer@example.com', completed: false });
    assert.deepEqual(listed.entries.map((t) => t.task_uuid), [task.task_uuid]);
    assert.deepEqual((await ChartMogul.Task.all(other, { contact_uuid: contact.uuid })).entries, []);
    assert.deepEqual(await refusal(ChartMogul.Task.create(other, {
      ...ofContact(contact.uuid), task_details: 'x', assignee: 'a', due_date: '2025-01-01',
    })), [404, { error: 'Contact not found' }]);
    assert.deepEqual(await ChartMogul.Task.destroy(config, task.task_uuid), {});
  });

  await ChartMogul.DataSource.destroy(config, ds.uuid);
  console.log(JSON.stringify({ passed: checks }));
}

main().catch((err) => {
  console.error(err && err.response ? `${err.status} ${err.response.text}` : err);
  process.exit(1);
});
