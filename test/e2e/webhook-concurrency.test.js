// @ts-check
'use strict';

/**
 * The webhook trigger in a real n8n under concurrent calls: 20 different events delivered at the
 * same instant start one execution each, none lost; five copies of one signed event sent at the
 * same instant start one. Its own n8n port (5698) and user folder, so it may run beside the
 * other end-to-end files.
 */

const crypto = require('node:crypto');
const { SETUP_TIMEOUT_MS, freshN8n, startEmulator } = require('./support');
const { emulatorCredential, EMULATOR_CREDENTIAL, unflatten } = require('../../scripts/lib/n8n');

jest.setTimeout(180_000);

const WEBHOOK_ID = '7f1c2a52-0d54-4f0e-9c55-3d1f8f7a0101';
const WORKFLOW = {
	id: 'walmartWebhookConc1',
	name: 'Walmart webhook (concurrency)',
	active: false,
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: [
		{
			id: 'walmartWebhookConc1-trigger',
			name: 'Walmart Webhook',
			type: 'n8n-nodes-walmart-marketplace.walmartMarketplaceWebhookTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events: ['ORDER_UPDATES'], authentication: 'HMAC', options: {} },
			credentials: {
				walmartMarketplaceApi: { id: EMULATOR_CREDENTIAL.id, name: EMULATOR_CREDENTIAL.name },
			},
		},
	],
};

/** @type {import('../../scripts/lib/n8n').N8n} */
let n8n;
/** @type {any} */
let emulator;

/** @returns {Promise<any[]>} */
async function executions() {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW.id }));
	const list = await n8n.rest('GET', `/executions?filter=${filter}&limit=100`);
	return list.results ?? [];
}

/** Waits for `count` finished executions, then a little longer to catch an extra one. */
async function settle(/** @type {number} */ count) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const list = await executions();
		const finished = list.filter((execution) => !['running', 'new'].includes(execution.status));
		if ((list.length >= count && finished.length === list.length) || Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await new Promise((resolve) => setTimeout(resolve, 1500));
	return await executions();
}

/** The event IDs the executions started with. */
async function startedEventIds(/** @type {any[]} */ list) {
	const ids = [];
	for (const execution of list) {
		const full = await n8n.rest('GET', `/executions/${execution.id}`);
		const data = unflatten(full.data);
		for (const item of data.resultData.runData['Walmart Webhook'][0].data.main[0]) {
			ids.push(item.json.eventId);
		}
	}
	return ids.sort();
}

beforeAll(async () => {
	emulator = await startEmulator({ redeliveryDelayMs: 50 });
	({ n8n } = freshN8n('webhook-concurrency', { port: 5698 }));
	await n8n.importCredentials([emulatorCredential(emulator)]);
	await n8n.importWorkflows([WORKFLOW]);
	await n8n.start();
	await n8n.ensureOwner();
	await n8n.activate(WORKFLOW.id);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
});

test('20 different events at the same instant start 20 executions, one per event', async () => {
	const eventIds = Array.from({ length: 20 }, (_, index) => `concurrent-${index}`);
	const results = await Promise.all(
		eventIds.map((eventId) => emulator.emitNotification({ eventType: 'ORDER_UPDATES', eventId })),
	);
	for (const result of results) {
		expect(result.deliveries.map((/** @type {any} */ delivery) => delivery.status)).toEqual([200]);
	}
	const list = await settle(20);
	expect(list).toHaveLength(20);
	expect(await startedEventIds(list)).toEqual([...eventIds].sort());
});

test('five copies of one signed event at the same instant start one execution', async () => {
	const before = (await executions()).length;
	const [subscription] = emulator.subscriptions();
	const body = JSON.stringify({
		source: { eventType: 'ORDER_UPDATES', eventTime: new Date().toISOString(), eventId: 'copy-1' },
		payload: { subEventType: 'PO_CREATED', order: { purchaseOrderId: '8000000000001' } },
	});
	const signature = crypto
		.createHmac('sha256', subscription.authDetails.clientSecret)
		.update(body)
		.digest('base64');
	const statuses = await Promise.all(
		Array.from({ length: 5 }, async () => {
			const response = await fetch(`${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-walmart-signature': signature },
				body,
			});
			return response.status;
		}),
	);
	expect(statuses).toEqual([200, 200, 200, 200, 200]);
	const list = await settle(before + 1);
	expect(list).toHaveLength(before + 1);
	expect((await startedEventIds(list)).filter((id) => id === 'copy-1')).toHaveLength(1);
});
