// @ts-check
'use strict';

/**
 * The package in n8n's queue mode: real Redis and PostgreSQL, n8n's main process and two workers
 * (scripts/lib/queue.js), each with the package installed as the Community Nodes installer does.
 * Every execution here is a production one: main receives the webhook (or polls), puts the job on
 * the Redis queue, and a worker runs it. Each scenario is checked against the emulators' state
 * and request logs, and its figures (token exchanges, Walmart calls, doubled writes, orders lost)
 * go to .tmp/queue-figures.json, compared with the same scenario run in one process (n8n-core's
 * WorkflowExecute, as test/engine runs it).
 *
 * Four emulators, one credential each, keep the figures of each purpose apart: the examples
 * (seed 42, 200 orders, the IDs examples/payloads name), writes (2,000 orders, for enough
 * partially cancellable lines), 10,000 orders for Return All, and one the polling trigger reads.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, startEmulator, readAll, requestsTo, readJson, note } = require('../e2e/support');
const { startQueueSetup } = require('../../scripts/lib/queue-setup');
const { createEngine } = require('../helpers/engine');
const { CREDENTIALS, allWorkflows } = require('./workflows');

jest.setTimeout(240_000);

const DAY_MS = 24 * 60 * 60 * 1000;
const EXCESS = /Walmart now shows more than this run sent on purchase order/;
const EXAMPLE_ORDERS = new Set([
	'8837251161811',
	'7245800646327',
	'4712152107742',
	'3981965906256',
	'6726632998854',
]);

/** @typedef {import('../../emulator').Emulator} Emulator */

/** @type {Record<'examples' | 'writes' | 'bulk' | 'poll', Emulator>} */
const emulators = /** @type {any} */ ({});
/** @type {import('../../scripts/lib/queue').QueueCluster} */
let cluster;
/** @type {import('../../scripts/lib/n8n').N8n} */
let main;
const workflows = allWorkflows();
const suiteStarted = Date.now();
let pollActivatedAt = 0;

/** What the suite measured; written to .tmp/queue-figures.json and printed at the end. */
const figures = {
	/** @type {Record<string, number>} */
	tokenExchangesPerCredential: {},
	windowMinutes: 0,
	/** @type {Record<string, { queue: number, singleProcess?: number, note?: string }>} */
	callsPerScenario: {},
	doubledWrites: {
		differentOrders: 0,
		pairs: 0,
		pairsDetected: 0,
		pairsOnTwoWorkers: 0,
		singleProcessPairs: -1,
	},
	/** Pairs of Ship Lines runs on the same line with the same tracking number (ship once). */
	doubledShipments: {
		pairs: 0,
		pairsOnTwoWorkers: 0,
		doubled: 0,
		doubledDetected: 0,
	},
	ordersLost: { returnAll: -1, returnAllExpected: 0 },
	/** @type {Record<string, any>} */
	workerKill: {},
	/** @type {Record<string, number>} */
	executionsPerWorker: {},
};

/**
 * @param {Emulator} emulator
 * @param {string} credentialId
 * @param {string} name
 */
function credentialFor(emulator, credentialId, name) {
	return {
		id: credentialId,
		name,
		type: 'walmartMarketplaceApi',
		data: {
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			environment: 'custom',
			customBaseUrl: emulator.baseUrl,
			market: 'us',
			channelType: '',
		},
	};
}

/**
 * @param {string} hook
 * @param {unknown} body
 * @param {number} [timeoutMs]
 */
async function post(hook, body, timeoutMs = 180_000) {
	const response = await fetch(`${main.baseUrl}/webhook/${hook}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	return { status: response.status, body: parsed };
}

/**
 * What n8n sent: the log without this test's own reference reads (test/e2e/support.js readAll).
 * @param {Emulator} emulator
 */
const n8nRequests = (emulator) =>
	emulator.requests.filter((r) => r.headers?.['wm_qos.correlation_id'] !== 'e2e-reference');
/** @param {Emulator} emulator */
const businessCalls = (emulator) => n8nRequests(emulator).filter((r) => r.path !== '/v3/token');

/**
 * @param {string} scenario
 * @param {'queue' | 'singleProcess'} mode
 * @param {number} calls
 */
function recordCalls(scenario, mode, calls) {
	figures.callsPerScenario[scenario] ??= { queue: -1 };
	figures.callsPerScenario[scenario][mode] = calls;
}

/**
 * @param {any} line
 * @param {string} status
 */
function statusQuantity(line, status) {
	return line.orderLineStatuses.orderLineStatus
		.filter((/** @type {any} */ entry) => entry.status === status)
		.reduce(
			(/** @type {number} */ sum, /** @type {any} */ entry) =>
				sum + Number(entry.statusQuantity.amount),
			0,
		);
}

/**
 * @param {Emulator} emulator
 * @param {string} purchaseOrderId
 * @param {string} lineNumber
 */
function lineOf(emulator, purchaseOrderId, lineNumber) {
	const order = emulator.getOrder(purchaseOrderId);
	return order?.orderLines.orderLine.find(
		(/** @type {any} */ line) => line.lineNumber === lineNumber,
	);
}

/** Orders of the writes emulator with a line a partial refund or a partial cancel can target. */
function writeTargets() {
	/** @type {Array<{ purchaseOrderId: string, lineNumber: string }>} */
	const refundable = [];
	/** @type {Array<{ purchaseOrderId: string, lineNumber: string }>} */
	const cancellable = [];
	for (const order of emulators.writes.orders()) {
		// Walmart fulfils WFS orders itself; the seller can neither cancel nor refund their lines here.
		if (order.shipNode?.type !== 'SellerFulfilled') continue;
		const lines = order.orderLines.orderLine;
		const shipped = lines.find(
			(/** @type {any} */ line) =>
				!line.refund &&
				line.orderLineStatuses.orderLineStatus.every((/** @type {any} */ entry) =>
					['Shipped', 'Delivered'].includes(entry.status),
				),
		);
		const open = lines.find(
			(/** @type {any} */ line) =>
				line.orderLineStatuses.orderLineStatus.length === 1 &&
				['Created', 'Acknowledged'].includes(line.orderLineStatuses.orderLineStatus[0].status) &&
				Number(line.orderLineQuantity.amount) >= 2,
		);
		if (shipped)
			refundable.push({ purchaseOrderId: order.purchaseOrderId, lineNumber: shipped.lineNumber });
		else if (open)
			cancellable.push({ purchaseOrderId: order.purchaseOrderId, lineNumber: open.lineNumber });
	}
	return { refundable, cancellable };
}

/** @param {{ purchaseOrderId: string, lineNumber: string }} target */
const refundBody = (target) => ({
	purchaseOrderId: target.purchaseOrderId,
	lines: [
		{
			lineNumber: target.lineNumber,
			chargeType: 'PRODUCT',
			amount: -1.25,
			taxAmount: 0,
			reason: 'DamagedItem',
		},
	],
});
/** @param {{ purchaseOrderId: string, lineNumber: string }} target */
const cancelBody = (target) => ({
	purchaseOrderId: target.purchaseOrderId,
	lines: [{ lineNumber: target.lineNumber, quantity: 1 }],
});

/** @param {any} target */
const refundsOn = (target) =>
	lineOf(emulators.writes, target.purchaseOrderId, target.lineNumber)?.refund?.refundCharges
		.refundCharge.length ?? 0;
/** @param {any} target */
const cancelledOn = (target) =>
	statusQuantity(lineOf(emulators.writes, target.purchaseOrderId, target.lineNumber), 'Cancelled');

/** @param {{ purchaseOrderId: string, lineNumber: string }} target */
const trackingOf = (target) => `9400-${target.purchaseOrderId}-${target.lineNumber}`;
/** @param {{ purchaseOrderId: string, lineNumber: string }} target */
const shipBody = (target) => ({
	purchaseOrderId: target.purchaseOrderId,
	lines: [{ lineNumber: target.lineNumber, quantity: 1, trackingNumber: trackingOf(target) }],
});
/** Units of the line shipped under the pair's tracking number. @param {any} target */
const shippedOn = (target) =>
	(
		lineOf(emulators.writes, target.purchaseOrderId, target.lineNumber)?.orderLineStatuses
			.orderLineStatus ?? []
	)
		.filter((/** @type {any} */ entry) => entry.trackingInfo?.trackingNumber === trackingOf(target))
		.reduce(
			(/** @type {number} */ sum, /** @type {any} */ entry) =>
				sum + Number(entry.statusQuantity.amount),
			0,
		);

/** Which worker ran an execution, from the workers' own logs. */
function workerOf(/** @type {string | undefined} */ executionId) {
	if (!executionId) return undefined;
	return cluster.workerRunning(String(executionId))?.name;
}

/** @type {ReturnType<typeof writeTargets>} */
let targets;

beforeAll(
	async () => {
		const [examples, writes, bulk, poll] = await Promise.all([
			// As in test/e2e/examples.test.js: the business clock a day ahead, so "the last 24 hours"
			// asked from the real clock holds some of seed 42's returns.
			startEmulator({ now: Date.now() + DAY_MS }),
			startEmulator({ seed: 7, orderCount: 2000 }),
			startEmulator({ seed: 11, orderCount: 10_000 }),
			startEmulator({ seed: 13, orderCount: 50 }),
		]);
		Object.assign(emulators, { examples, writes, bulk, poll });
		targets = writeTargets();
		cluster = await startQueueSetup({
			baseDir: path.join(os.tmpdir(), 'n8n-nodes-walmart-marketplace', 'queue-test'),
			emulator: examples,
			credentials: [
				credentialFor(examples, CREDENTIALS.examples.id, CREDENTIALS.examples.name),
				credentialFor(writes, CREDENTIALS.writes.id, CREDENTIALS.writes.name),
				credentialFor(bulk, CREDENTIALS.bulk.id, CREDENTIALS.bulk.name),
				credentialFor(poll, CREDENTIALS.poll.id, CREDENTIALS.poll.name),
			],
			workflows: [
				...workflows.examples,
				workflows.digest,
				workflows.newOrders,
				workflows.refund,
				workflows.cancel,
				workflows.ship,
				workflows.returnAll,
				workflows.poll,
			],
			// A killed worker's job is taken back after its lock lapses; n8n's defaults (60 s lock,
			// 30 s stall check) would only make the kill test wait longer for the same outcome.
			env: {
				QUEUE_WORKER_LOCK_DURATION: '15000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
			log: (line) => note(`queue: ${line}`),
		});
		main = /** @type {any} */ (cluster.main);
		// Published last, so its per-minute polls run while the rest of the suite does.
		await main.activate(workflows.poll.id);
		pollActivatedAt = Date.now();
	},
	15 * 60 * 1000,
);

afterAll(async () => {
	const minutes = (Date.now() - suiteStarted) / 60_000;
	figures.windowMinutes = Number(minutes.toFixed(1));
	for (const [purpose, emulator] of Object.entries(emulators)) {
		figures.tokenExchangesPerCredential[purpose] = n8nRequests(emulator).filter(
			(request) => request.path === '/v3/token',
		).length;
	}
	for (const worker of cluster?.workers ?? []) {
		figures.executionsPerWorker[worker.name] = (
			worker.service.log().match(/Worker started execution/g) ?? []
		).length;
	}
	fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
	fs.writeFileSync(
		path.join(ROOT, '.tmp', 'queue-figures.json'),
		`${JSON.stringify(figures, null, 2)}\n`,
	);
	note(`queue figures: ${JSON.stringify(figures)}`);
	await cluster?.stop();
	await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
}, 120_000);

describe('every example workflow, run by a worker', () => {
	test('1. storefront cancellation: cancels the lines once; a redelivery sends nothing', async () => {
		const sample = readJson('examples/payloads/shopify-order-cancelled.json');
		const before = businessCalls(emulators.examples).length;
		const first = await post('walmart/shopify-order-cancelled', sample);
		expect(first.status).toBe(200);
		expect(first.body.summary).toEqual(
			expect.objectContaining({ cancelled: 3, failed: 0, requests: 1 }),
		);
		const again = await post('walmart/shopify-order-cancelled', sample);
		expect(again.body.summary).toEqual(
			expect.objectContaining({ cancelled: 0, skipped: 3, requests: 0 }),
		);
		expect(requestsTo(emulators.examples, 'POST', /\/cancel$/)).toHaveLength(1);
		for (const item of sample.line_items) {
			const line = emulators.examples
				.getOrder('8837251161811')
				?.orderLines.orderLine.find(
					(/** @type {any} */ candidate) => candidate.item.sku === item.sku,
				);
			expect(statusQuantity(line, 'Cancelled')).toBe(item.quantity);
		}
		recordCalls(
			'example 1, cancel then redelivery',
			'queue',
			businessCalls(emulators.examples).length - before,
		);
	});

	test('2. ERP credit note: refunds once; a redelivery refunds nothing twice', async () => {
		const sample = readJson('examples/payloads/erp-credit-note.json');
		const before = businessCalls(emulators.examples).length;
		const first = await post('walmart/erp-credit-note', sample);
		expect(first.status).toBe(200);
		expect(first.body.status).toBe('refunded');
		const again = await post('walmart/erp-credit-note', sample);
		expect(again.body.status).toBe('nothing to do');
		expect(requestsTo(emulators.examples, 'POST', /\/refund$/)).toHaveLength(1);
		expect(
			lineOf(emulators.examples, '3981965906256', '1')?.refund?.refundCharges.refundCharge,
		).toHaveLength(1);
		recordCalls(
			'example 2, refund then redelivery',
			'queue',
			businessCalls(emulators.examples).length - before,
		);
	});

	test('3. daily returns digest: every return of the last 24 hours, summed', async () => {
		const before = businessCalls(emulators.examples).length;
		const response = await post('queue/returns-digest', {});
		expect(response.status).toBe(200);
		const calls = businessCalls(emulators.examples).length - before;
		const [read] = requestsTo(emulators.examples, 'GET', /^\/v3\/returns$/).slice(-1);
		const returns = await readAll(
			emulators.examples,
			`${read.path}${read.query}`,
			(page) => ({ items: page.returnOrders ?? [], nextCursor: page.meta?.nextCursor }),
			read.path,
		);
		const lines = returns.flatMap((returnOrder) => returnOrder.returnOrderLines);
		expect(lines.length).toBeGreaterThan(0);
		const digest = /** @type {any[]} */ (response.body);
		expect(digest.reduce((sum, row) => sum + row.returns, 0)).toBe(lines.length);
		recordCalls('example 3, returns digest', 'queue', calls);
	});

	test('4. new orders to ERP: one ERP line per order line of the last day', async () => {
		const before = emulators.examples.requests.length;
		const response = await post('queue/new-orders', {});
		expect(response.status).toBe(200);
		const [firstRead] = emulators.examples.requests
			.slice(before)
			.filter((request) => request.path === '/v3/orders/released');
		const calls = emulators.examples.requests
			.slice(before)
			.filter((r) => r.path !== '/v3/token').length;
		const orders = await readAll(
			emulators.examples,
			`${firstRead.path}${firstRead.query}`,
			(page) => ({ items: page.list.elements.order, nextCursor: page.list.meta.nextCursor }),
			firstRead.path,
		);
		const expected = orders.flatMap((order) =>
			order.orderLines.orderLine.map(
				(/** @type {any} */ line) => `${order.purchaseOrderId}/${line.lineNumber}`,
			),
		);
		const output = /** @type {any[]} */ (response.body).map(
			(line) => `${line.externalOrderNumber}/${line.lineNumber}`,
		);
		expect(output.sort()).toEqual(expected.sort());
		recordCalls('example 4, new orders to ERP', 'queue', calls);
	});
});

describe('Return All of 10,000 orders on a worker', () => {
	test('every order the query matches arrives exactly once', async () => {
		const before = n8nRequests(emulators.bulk).length;
		const response = await post('queue/return-all', {});
		expect(response.status).toBe(200);
		expect(response.body.error).toBeUndefined();
		const requests = n8nRequests(emulators.bulk).slice(before);
		const calls = requests.filter((request) => request.path !== '/v3/token').length;
		const [firstRead] = requests.filter((request) => request.path === '/v3/orders');
		// The reference: the same query read directly. Of the 10,000 orders, the ones Walmart
		// fulfils itself (WFS) are outside the default ship node filter, as on Walmart.
		const reference = await readAll(
			emulators.bulk,
			`${firstRead.path}${firstRead.query}`,
			(page) => ({ items: page.list.elements.order, nextCursor: page.list.meta.nextCursor }),
			firstRead.path,
		);
		const expected = reference.map((order) => order.purchaseOrderId);
		expect(emulators.bulk.orders()).toHaveLength(10_000);
		expect(expected.length).toBeGreaterThan(8000);
		expect(response.body.count).toBe(expected.length);
		expect(response.body.unique).toBe(expected.length);
		const received = new Set(response.body.ids);
		figures.ordersLost.returnAll = expected.filter((id) => !received.has(id)).length;
		figures.ordersLost.returnAllExpected = expected.length;
		expect(figures.ordersLost.returnAll).toBe(0);
		recordCalls('Return All, 10,000 orders', 'queue', calls);
		note(`Return All ran on ${workerOf(response.body.executionId)} with ${calls} calls`);
	});
});

describe('concurrent writes across two workers', () => {
	test('20 concurrent writes on 20 different orders each apply exactly once', async () => {
		expect(targets.refundable.length).toBeGreaterThanOrEqual(15);
		expect(targets.cancellable.length).toBeGreaterThanOrEqual(15);
		const refunds = targets.refundable.slice(0, 10);
		const cancels = targets.cancellable.slice(0, 10);
		const before = businessCalls(emulators.writes).length;
		const responses = await Promise.all([
			...refunds.map((target) => post('queue/refund', refundBody(target))),
			...cancels.map((target) => post('queue/cancel', cancelBody(target))),
		]);
		for (const response of responses) {
			expect(response.status).toBe(200);
			expect(response.body.error).toBeUndefined();
			expect(response.body.summary.failed).toBe(0);
		}
		const workersUsed = new Set(responses.map((response) => workerOf(response.body.executionId)));
		expect(workersUsed.size).toBe(2);
		let doubled = 0;
		for (const target of refunds) {
			expect(refundsOn(target)).toBeGreaterThanOrEqual(1);
			if (refundsOn(target) > 1) doubled += 1;
		}
		for (const target of cancels) {
			expect(cancelledOn(target)).toBeGreaterThanOrEqual(1);
			if (cancelledOn(target) > 1) doubled += 1;
		}
		figures.doubledWrites.differentOrders = doubled;
		expect(doubled).toBe(0);
		recordCalls(
			'20 concurrent writes, different orders (10 refunds, 10 partial cancels)',
			'queue',
			businessCalls(emulators.writes).length - before,
		);
	});

	test('10 pairs of concurrent writes on the same line: never doubled silently', async () => {
		const refundPairs = targets.refundable.slice(10, 15);
		const cancelPairs = targets.cancellable.slice(10, 15);
		const before = businessCalls(emulators.writes).length;
		/** @type {Array<{ kind: string, target: any, responses: Array<{ status: number, body: any }> }>} */
		const pairs = await Promise.all([
			...refundPairs.map(async (target) => ({
				kind: 'refund',
				target,
				responses: await Promise.all([
					post('queue/refund', refundBody(target)),
					post('queue/refund', refundBody(target)),
				]),
			})),
			...cancelPairs.map(async (target) => ({
				kind: 'partial cancel',
				target,
				responses: await Promise.all([
					post('queue/cancel', cancelBody(target)),
					post('queue/cancel', cancelBody(target)),
				]),
			})),
		]);
		const report = [];
		for (const pair of pairs) {
			const applied = pair.kind === 'refund' ? refundsOn(pair.target) : cancelledOn(pair.target);
			const errors = pair.responses.map((response) => response.body.error).filter(Boolean);
			const detected = errors.some((error) => EXCESS.test(String(error)));
			const workers = pair.responses.map((response) => workerOf(response.body.executionId));
			if (workers[0] && workers[1] && workers[0] !== workers[1])
				figures.doubledWrites.pairsOnTwoWorkers += 1;
			expect(applied).toBeGreaterThanOrEqual(1);
			expect(applied).toBeLessThanOrEqual(2);
			if (applied > 1) {
				figures.doubledWrites.pairs += 1;
				if (detected) figures.doubledWrites.pairsDetected += 1;
				// The money-safe-writes guarantee across workers: a doubled write fails loudly.
				expect(errors.find((error) => EXCESS.test(String(error)))).toMatch(
					new RegExp(
						`${pair.target.purchaseOrderId}.*line ${pair.target.lineNumber}|line ${pair.target.lineNumber}.*${pair.target.purchaseOrderId}`,
					),
				);
			} else {
				// Applied once: the other either skipped it as done or failed loudly, never a quiet error.
				for (const response of pair.responses) expect(response.status).toBe(200);
			}
			report.push({
				kind: pair.kind,
				order: pair.target.purchaseOrderId,
				applied,
				workers,
				errors,
			});
		}
		note(`same-line pairs: ${JSON.stringify(report)}`);
		recordCalls(
			'10 concurrent pairs on the same line (5 refund, 5 partial cancel)',
			'queue',
			businessCalls(emulators.writes).length - before,
		);
	});
	test('10 pairs of Ship Lines on the same line and tracking number: never shipped twice silently', async () => {
		// Lines with at least 2 open units, so that a second shipment of 1 unit can apply (a line
		// with 1 open unit cannot double: Walmart refuses the second). Past the ones the other
		// tests use, and none the customer asked to cancel.
		const shipTargets = targets.cancellable
			.slice(30)
			.filter(
				(target) =>
					!target.purchaseOrderId.startsWith('9') &&
					!lineOf(emulators.writes, target.purchaseOrderId, target.lineNumber)?.intentToCancel,
			)
			.slice(0, 10);
		expect(shipTargets).toHaveLength(10);
		const before = businessCalls(emulators.writes).length;
		const pairs = await Promise.all(
			shipTargets.map(async (target) => ({
				target,
				responses: await Promise.all([
					post('queue/ship', shipBody(target)),
					post('queue/ship', shipBody(target)),
				]),
			})),
		);
		const report = [];
		for (const pair of pairs) {
			const shipped = shippedOn(pair.target);
			const errors = pair.responses.map((response) => response.body.error).filter(Boolean);
			const workers = pair.responses.map((response) => workerOf(response.body.executionId));
			figures.doubledShipments.pairs += 1;
			if (workers[0] && workers[1] && workers[0] !== workers[1])
				figures.doubledShipments.pairsOnTwoWorkers += 1;
			expect(shipped).toBeGreaterThanOrEqual(1);
			expect(shipped).toBeLessThanOrEqual(2);
			if (shipped > 1) {
				figures.doubledShipments.doubled += 1;
				if (errors.some((error) => EXCESS.test(String(error))))
					figures.doubledShipments.doubledDetected += 1;
				// Ship once across workers: a doubled shipment fails loudly, naming order and line.
				expect(errors.find((error) => EXCESS.test(String(error)))).toMatch(
					new RegExp(`${pair.target.purchaseOrderId}: line ${pair.target.lineNumber} `),
				);
			} else {
				for (const response of pair.responses) {
					expect(response.status).toBe(200);
					expect(response.body.error).toBeUndefined();
				}
			}
			report.push({ order: pair.target.purchaseOrderId, shipped, workers, errors });
		}
		note(`ship pairs: ${JSON.stringify(report)}`);
		expect(
			figures.doubledShipments.doubled === 0 ||
				figures.doubledShipments.doubledDetected === figures.doubledShipments.doubled,
		).toBe(true);
		recordCalls(
			'10 concurrent Ship Lines pairs on the same line and tracking number',
			'queue',
			businessCalls(emulators.writes).length - before,
		);
	});
});

describe('the polling trigger', () => {
	test('polls from the main process only: one poll per minute, not one per process', async () => {
		// Activation polls once (n8n's test poll); then one per minute. Three processes polling
		// would show about three times as many.
		const waitMs = Math.max(0, pollActivatedAt + 65_000 - Date.now());
		await new Promise((resolve) => setTimeout(resolve, waitMs));
		const minutes = (Date.now() - pollActivatedAt) / 60_000;
		const polls = emulators.poll.requests.filter((request) =>
			request.path.startsWith('/v3/orders'),
		).length;
		expect(polls).toBeGreaterThanOrEqual(1);
		expect(polls).toBeLessThanOrEqual((Math.floor(minutes) + 1) * 2);
		for (const worker of cluster.workers) expect(worker.service.log()).not.toMatch(/queuePoll/);
		recordCalls(
			`polling trigger, ${minutes.toFixed(1)} minutes`,
			'queue',
			businessCalls(emulators.poll).length,
		);
	});
});

describe('the same scenarios in one process (n8n-core WorkflowExecute), for the figures', () => {
	test('calls per write and per Return All in one process', async () => {
		const writes = await startEmulator({ seed: 7, orderCount: 2000 });
		const bulk = await startEmulator({ seed: 11, orderCount: 10_000 });
		try {
			const engine = await createEngine(writes);
			const target = targets.refundable[20];
			let before = businessCalls(writes).length;
			const refund = await engine.runNode({
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: target.purchaseOrderId,
				refundType: 'partial',
				linesInput: 'json',
				linesJson: JSON.stringify(refundBody(target).lines),
				simplify: true,
				options: {},
			});
			expect(refund.error).toBeUndefined();
			const oneRefund = businessCalls(writes).length - before;
			const cancelTarget = targets.cancellable[20] ?? targets.cancellable[15];
			before = businessCalls(writes).length;
			const cancel = await engine.runNode({
				resource: 'order',
				operation: 'cancelLines',
				purchaseOrderId: cancelTarget.purchaseOrderId,
				lineSelection: 'json',
				linesJson: JSON.stringify(cancelBody(cancelTarget).lines),
				reason: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
				simplify: true,
				options: {},
			});
			expect(cancel.error).toBeUndefined();
			const oneCancel = businessCalls(writes).length - before;
			recordCalls(
				'20 concurrent writes, different orders (10 refunds, 10 partial cancels)',
				'singleProcess',
				10 * oneRefund + 10 * oneCancel,
			);

			// The same-line pairs in one process: the node's per-order lock makes the second wait and
			// re-read, so each pair applies once.
			const pairRefund = targets.refundable[21];
			const pairCancel = targets.cancellable[21] ?? targets.cancellable[16];
			before = businessCalls(writes).length;
			const refundParameters = {
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: pairRefund.purchaseOrderId,
				refundType: 'partial',
				linesInput: 'json',
				linesJson: JSON.stringify(refundBody(pairRefund).lines),
				simplify: true,
				options: {},
			};
			const cancelParameters = {
				resource: 'order',
				operation: 'cancelLines',
				purchaseOrderId: pairCancel.purchaseOrderId,
				lineSelection: 'json',
				linesJson: JSON.stringify(cancelBody(pairCancel).lines),
				reason: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
				simplify: true,
				options: {},
			};
			await Promise.all([
				engine.runNode(refundParameters),
				engine.runNode(refundParameters),
				engine.runNode(cancelParameters),
				engine.runNode(cancelParameters),
			]);
			const pairCalls = businessCalls(writes).length - before;
			const refundLine = writes
				.getOrder(pairRefund.purchaseOrderId)
				?.orderLines.orderLine.find(
					(/** @type {any} */ line) => line.lineNumber === pairRefund.lineNumber,
				);
			const cancelLine = writes
				.getOrder(pairCancel.purchaseOrderId)
				?.orderLines.orderLine.find(
					(/** @type {any} */ line) => line.lineNumber === pairCancel.lineNumber,
				);
			const refundApplied = refundLine?.refund?.refundCharges.refundCharge.length ?? 0;
			const cancelApplied = statusQuantity(cancelLine, 'Cancelled');
			figures.doubledWrites.singleProcessPairs =
				(refundApplied > 1 ? 1 : 0) + (cancelApplied > 1 ? 1 : 0);
			expect(refundApplied).toBe(1);
			expect(cancelApplied).toBe(1);
			recordCalls(
				'10 concurrent pairs on the same line (5 refund, 5 partial cancel)',
				'singleProcess',
				5 * pairCalls,
			);

			const bulkEngine = await createEngine(bulk);
			before = businessCalls(bulk).length;
			const all = await bulkEngine.runNode({
				resource: 'order',
				operation: 'getAll',
				returnAll: true,
				filters: { createdStartDate: new Date(Date.now() - 175 * DAY_MS).toISOString() },
				simplify: true,
				options: {},
			});
			expect(all.items.length).toBe(figures.ordersLost.returnAllExpected);
			recordCalls(
				'Return All, 10,000 orders',
				'singleProcess',
				businessCalls(bulk).length - before,
			);
		} finally {
			await writes.close();
			await bulk.close();
		}
	});
});

describe('a worker killed in the middle of a Return All', () => {
	test('the execution fails clearly or is retried; nothing is written', async () => {
		// Return All reads its windows concurrently and is over in a few seconds; a second per call
		// keeps it running long enough to kill the worker in the middle of it.
		emulators.bulk.setLatency(1000);
		const logLengths = cluster.workers.map((worker) => worker.service.log().length);
		const before = emulators.bulk.requests.length;
		const pending = post('queue/return-all', {}, 200_000).catch((error) => ({
			status: 0,
			body: String(error),
		}));
		// Wait until the run is a few pages in, then find the worker that logged its start.
		const deadline = Date.now() + 60_000;
		/** @type {typeof cluster.workers[number] | undefined} */
		let victim;
		while (!victim && Date.now() < deadline) {
			const pages = emulators.bulk.requests
				.slice(before)
				.filter((r) => r.path.startsWith('/v3/orders')).length;
			if (pages >= 5) {
				victim = cluster.workers.find((worker, index) =>
					/Worker started execution/.test(worker.service.log().slice(logLengths[index])),
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(victim).toBeDefined();
		if (!victim) return;
		const pagesAtKill = emulators.bulk.requests
			.slice(before)
			.filter((r) => r.path.startsWith('/v3/orders')).length;
		victim.service.signal('SIGKILL');
		const killedAt = Date.now();
		const response = await pending;
		const seconds = (Date.now() - killedAt) / 1000;
		const executions = await main.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflows.returnAll.id }))}&limit=5`,
		);
		const latest = executions.results?.[0];
		// The execution's stored error, found in its (flatted) record without parsing the format.
		const record = latest ? JSON.stringify(await main.rest('GET', `/executions/${latest.id}`)) : '';
		const errorText = /(?:crash|stall|interrupt|worker|lost|died)[^"\\]{0,200}/i.exec(record)?.[0];
		const writesAfter = emulators.bulk.requests
			.slice(before)
			.filter((r) => r.method !== 'GET' && r.path !== '/v3/token');
		const survivor = cluster.workers.find((worker) => worker !== victim);
		const retried = survivor
			? new RegExp(`Worker started execution ${latest?.id} `).test(survivor.service.log())
			: false;
		Object.assign(figures.workerKill, {
			killed: victim.name,
			pagesReadBeforeKill: pagesAtKill,
			webhookStatus: response.status,
			webhookAnswer:
				typeof response.body === 'object'
					? { ...response.body, ids: undefined }
					: String(response.body).slice(0, 300),
			secondsUntilAnswer: Number(seconds.toFixed(1)),
			executionStatus: latest?.status,
			executionError: errorText,
			retriedOnOtherWorker: retried,
			writesSent: writesAfter.length,
		});
		note(`worker kill: ${JSON.stringify(figures.workerKill)}`);
		emulators.bulk.setLatency(0);
		expect(writesAfter).toHaveLength(0);
		if (response.status === 200 && response.body.count !== undefined) {
			// Retried to completion: then complete, nothing lost or doubled.
			expect(response.body.count).toBe(10_000);
			expect(response.body.unique).toBe(10_000);
		} else {
			// Not retried: the caller and the execution list must both say it failed.
			expect(response.status).not.toBe(200);
			expect(['crashed', 'error', 'canceled']).toContain(latest?.status);
		}
	});
});
