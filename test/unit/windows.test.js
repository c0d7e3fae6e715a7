// @ts-check
/**
 * Windowed Return All against an in-memory Walmart whose orders fall on every second of the
 * range, so every window boundary has orders exactly on it.
 */
const {
	walmartApiRequestWindowed,
	isResultCapError,
	walmartSeconds,
} = require('../../dist/nodes/WalmartMarketplace/transport/windows');
const { orderListPage } = require('../../dist/nodes/WalmartMarketplace/transport');

const BASE = Date.UTC(2026, 0, 10, 0, 0, 0);
let credentialSeq = 0;

/**
 * @param {{ count: number, cap: number, tiesEvery?: number, shortWindow?: boolean, repeatCursor?: boolean }} options
 */
function fakeWalmart(options) {
	/** @type {{ purchaseOrderId: string, orderDate: number }[]} */
	const orders = [];
	for (let index = 0; orders.length < options.count; index++) {
		const date = BASE + index * 1000;
		orders.push({ purchaseOrderId: `P${orders.length}`, orderDate: date });
		// Some seconds hold several orders, as busy sellers' do.
		if (options.tiesEvery && index % options.tiesEvery === 0 && orders.length < options.count) {
			orders.push({ purchaseOrderId: `P${orders.length}`, orderDate: date });
		}
	}
	orders.sort(
		(a, b) => b.orderDate - a.orderDate || (a.purchaseOrderId < b.purchaseOrderId ? 1 : -1),
	);
	/** @type {string[]} */
	const log = [];
	let windowCalls = 0;
	const fail = (/** @type {number} */ status, /** @type {string} */ description) =>
		Object.assign(new Error(`HTTP ${status}`), {
			response: {
				status,
				headers: {},
				data: { errors: { error: [{ code: 'INVALID_REQUEST_PARAM.GMP_ORDER_API', description }] } },
			},
		});
	/** @param {string} _type @param {import("n8n-workflow").IHttpRequestOptions} request */
	async function httpRequestWithAuthentication(_type, request) {
		const url = new URL(request.url, 'https://walmart.invalid');
		const query = new URLSearchParams(url.search);
		for (const [key, value] of Object.entries(request.qs ?? {})) query.set(key, String(value));
		log.push(query.toString());
		await new Promise((resolve) => setTimeout(resolve, 1));
		const start = Date.parse(query.get('createdStartDate') ?? '1970-01-01');
		const end = Date.parse(query.get('createdEndDate') ?? '2100-01-01');
		const offset = Number(query.get('offset') ?? 0);
		const limit = Number(query.get('limit') ?? 100);
		// Both bounds inclusive, as the emulator and (by its docs' wording) Walmart.
		const matches = orders.filter((order) => order.orderDate >= start && order.orderDate <= end);
		if (matches.length > options.cap) {
			throw fail(400, `at most ${options.cap} orders can be fetched at a time`);
		}
		if (matches.length === 0) {
			throw Object.assign(new Error('404'), {
				response: {
					status: 404,
					headers: {},
					data: { errors: { error: [{ code: 'CONTENT_NOT_FOUND.GMP_ORDER_API' }] } },
				},
			});
		}
		if (offset === 0 && query.has('createdEndDate')) windowCalls++;
		let page = matches.slice(offset, offset + limit);
		if (options.shortWindow && windowCalls === 3 && offset > 0) page = [];
		const more = offset + page.length < matches.length && page.length > 0;
		const next = new URLSearchParams(query);
		next.set('offset', String(options.repeatCursor && offset > 0 ? offset : offset + limit));
		const body = {
			list: {
				meta: {
					totalCount: matches.length,
					limit: page.length,
					...(more ? { nextCursor: `?${next.toString()}` } : {}),
				},
				elements: { order: page },
			},
		};
		const headers = {
			'x-current-token-count': '100',
			'x-next-replenishment-time': String(Date.now()),
		};
		return request.returnFullResponse ? { body, headers, statusCode: 200 } : body;
	}
	const node = {
		id: 'n',
		name: 'Walmart Marketplace',
		type: 'walmartMarketplace',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { walmartMarketplaceApi: { id: `fake-${++credentialSeq}`, name: 'fake' } },
	};
	const context = /** @type {any} */ ({
		getNode: () => node,
		helpers: { httpRequestWithAuthentication },
	});
	return { orders, log, context };
}

/** @param {ReturnType<typeof fakeWalmart>} fake @param {number} concurrency @param {number} cap */
function readAll(fake, concurrency, cap) {
	const newest = fake.orders[0].orderDate;
	const oldest = fake.orders[fake.orders.length - 1].orderDate;
	return walmartApiRequestWindowed(fake.context, {
		path: '/v3/orders',
		qs: { createdStartDate: walmartSeconds(oldest), createdEndDate: walmartSeconds(newest) },
		extract: orderListPage,
		startParam: 'createdStartDate',
		endParam: 'createdEndDate',
		dateOf: (/** @type {any} */ order) => order.orderDate,
		idOf: (/** @type {any} */ order) => order.purchaseOrderId,
		concurrency,
		cap,
	});
}

/** @param {{ purchaseOrderId: string, orderDate: number }[]} items */
function expectNewestFirst(items) {
	for (let index = 1; index < items.length; index++) {
		expect(items[index].orderDate).toBeLessThanOrEqual(items[index - 1].orderDate);
	}
}

/** The windows' first-page queries as [start, end] whole-second pairs. */
function windowsOf(/** @type {string[]} */ log) {
	return log
		.map((entry) => new URLSearchParams(entry))
		.filter((query) => !query.has('offset'))
		.map((query) => [
			Date.parse(String(query.get('createdStartDate'))),
			Date.parse(String(query.get('createdEndDate'))),
		]);
}

test('windows cover the range exactly once, with orders on every boundary second', async () => {
	const fake = fakeWalmart({ count: 3000, cap: 10000, tiesEvery: 7 });
	const result = await readAll(fake, 4, 10000);
	expect(result.duplicates).toBe(0);
	expect(result.items.map((order) => order.purchaseOrderId).sort()).toEqual(
		fake.orders.map((order) => order.purchaseOrderId).sort(),
	);
	expectNewestFirst(result.items);
	const windows = windowsOf(fake.log).slice(1);
	expect(windows.length).toBeGreaterThan(2);
	// Adjacent windows never share a second: sorted, each ends before the next begins.
	windows.sort((a, b) => a[0] - b[0]);
	for (let index = 1; index < windows.length; index++) {
		expect(windows[index][0]).toBeGreaterThan(windows[index - 1][1]);
	}
	// At most one extra call per window over the single-cursor minimum.
	expect(fake.log.length).toBeLessThanOrEqual(Math.ceil(3000 / 200) + result.windows);
});

test('a window over the cap is halved, and every order still comes once, newest first', async () => {
	const fake = fakeWalmart({ count: 2000, cap: 500, tiesEvery: 5 });
	const result = await readAll(fake, 3, 500);
	expect(new Set(result.items.map((order) => order.purchaseOrderId)).size).toBe(2000);
	expect(result.items).toHaveLength(2000);
	expectNewestFirst(result.items);
});

test('concurrency 1 under the cap makes exactly the minimum calls through one cursor', async () => {
	const fake = fakeWalmart({ count: 1234, cap: 10000 });
	const result = await readAll(fake, 1, 10000);
	expect(result.items).toHaveLength(1234);
	expect(fake.log).toHaveLength(Math.ceil(1234 / 200));
	expectNewestFirst(result.items);
});

test('a window that comes back short fails loudly', async () => {
	const fake = fakeWalmart({ count: 3000, cap: 10000, shortWindow: true });
	await expect(readAll(fake, 2, 10000)).rejects.toThrow(/listed \d+ of the \d+ results/);
});

test('a window whose cursor repeats fails loudly', async () => {
	const fake = fakeWalmart({ count: 3000, cap: 10000, repeatCursor: true });
	await expect(readAll(fake, 2, 10000)).rejects.toThrow(/same page cursor twice/);
});

test('the cap error is recognised by its description, other 400s are not', () => {
	const failure = (/** @type {string} */ description) => ({
		status: 400,
		headers: {},
		details: [{ code: 'INVALID_REQUEST_PARAM.GMP_ORDER_API', description }],
	});
	expect(isResultCapError(failure('at most 10000 orders can be fetched at a time'))).toBe(true);
	expect(isResultCapError(failure('If you try to get more than 10,000 orders'))).toBe(true);
	expect(isResultCapError(failure('Invalid value for limit'))).toBe(false);
});
