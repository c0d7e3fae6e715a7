// @ts-check
// A tiny Walmart client for the emulator tests: real HTTP over loopback with Node's fetch.

const crypto = require('node:crypto');

/** @typedef {import('../index').Emulator} Emulator */
/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').ReturnOrder} ReturnOrder */
/** @typedef {import('../types').WalmartErrorItem} WalmartErrorItem */
/** @typedef {{ status: number, headers: Headers, body: unknown, text: string }} TestResponse */
/** @typedef {{ totalCount: number, limit: number, nextCursor?: string }} ListMeta */
/** @typedef {{ list: { meta: ListMeta, elements: { order: Order[] } } }} OrderListBody */
/** @typedef {{ meta: ListMeta, returnOrders: ReturnOrder[] }} ReturnListBody */
/** @typedef {{ access_token: string, token_type: string, expires_in: number }} TokenBody */
/**
 * @typedef {{
 *   returnOrderId: string,
 *   customerOrderId: string,
 *   refundLines: { returnOrderLineNumber: number, quantity: { unitOfMeasure: string, measurementValue: number } }[],
 * }} ReturnRefundBody
 */

const SERVICE_HEADERS = Object.freeze({
	'WM_SVC.NAME': 'Walmart Marketplace',
	Accept: 'application/json',
});

/** @param {Emulator} emu */
function basicAuth(emu) {
	return 'Basic ' + Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString('base64');
}

/**
 * @param {Response} response
 * @returns {Promise<TestResponse>}
 */
async function readResponse(response) {
	const text = await response.text();
	/** @type {unknown} */
	let body = text;
	try {
		body = JSON.parse(text);
	} catch {
		// XML and bare error bodies stay text.
	}
	return { status: response.status, headers: response.headers, body, text };
}

/**
 * @param {Emulator} emu
 * @param {Record<string, string>} [extraHeaders]
 * @returns {Promise<TestResponse>}
 */
async function requestToken(emu, extraHeaders = {}) {
	const response = await fetch(`${emu.baseUrl}/v3/token`, {
		method: 'POST',
		headers: {
			...SERVICE_HEADERS,
			'WM_QOS.CORRELATION_ID': crypto.randomUUID(),
			Authorization: basicAuth(emu),
			'Content-Type': 'application/x-www-form-urlencoded',
			...extraHeaders,
		},
		body: 'grant_type=client_credentials',
	});
	return readResponse(response);
}

/**
 * @param {Emulator} emu
 * @returns {Promise<string>}
 */
async function getToken(emu) {
	const response = await requestToken(emu);
	if (response.status !== 200) throw new Error(`token request failed: ${response.text}`);
	return asToken(response).access_token;
}

/**
 * A client bound to one emulator that fetches a token on first use.
 * @param {Emulator} emu
 */
function createClient(emu) {
	/** @type {string | undefined} */
	let token;

	/** @param {Record<string, string>} [overrides] */
	async function headers(overrides = {}) {
		token = token ?? (await getToken(emu));
		return {
			...SERVICE_HEADERS,
			'WM_QOS.CORRELATION_ID': crypto.randomUUID(),
			'WM_SEC.ACCESS_TOKEN': token,
			...overrides,
		};
	}

	return {
		headers,
		resetToken() {
			token = undefined;
		},
		/**
		 * @param {string} pathAndQuery
		 * @param {Record<string, string>} [extraHeaders]
		 */
		async get(pathAndQuery, extraHeaders) {
			const response = await fetch(`${emu.baseUrl}${pathAndQuery}`, {
				headers: await headers(extraHeaders),
			});
			return readResponse(response);
		},
		/**
		 * @param {string} path
		 * @param {unknown} body
		 * @param {Record<string, string>} [extraHeaders]
		 */
		async post(path, body, extraHeaders) {
			const response = await fetch(`${emu.baseUrl}${path}`, {
				method: 'POST',
				headers: await headers({ 'Content-Type': 'application/json', ...extraHeaders }),
				body: typeof body === 'string' ? body : JSON.stringify(body),
			});
			return readResponse(response);
		},
	};
}

/**
 * Walks nextCursor pages the documented way: the cursor is appended to the list path.
 * @param {ReturnType<typeof createClient>} client
 * @param {string} path e.g. /v3/orders
 * @param {string} firstQuery e.g. ?limit=200
 * @returns {Promise<{ pages: TestResponse[], ids: string[] }>} ids: purchaseOrderIds or returnOrderIds
 */
async function fetchAllPages(client, path, firstQuery) {
	/** @type {TestResponse[]} */
	const pages = [];
	/** @type {string[]} */
	const ids = [];
	let query = firstQuery;
	for (let guard = 0; guard < 1000; guard++) {
		const page = await client.get(path + query);
		pages.push(page);
		if (page.status !== 200) break;
		/** @type {ListMeta} */
		let meta;
		if (path.startsWith('/v3/returns')) {
			const body = asReturnList(page);
			meta = body.meta;
			ids.push(...body.returnOrders.map((entry) => entry.returnOrderId));
		} else {
			const body = asOrderList(page);
			meta = body.list.meta;
			ids.push(...body.list.elements.order.map((order) => order.purchaseOrderId));
		}
		if (!meta.nextCursor) break;
		query = meta.nextCursor;
	}
	return { pages, ids };
}

/**
 * @param {TestResponse} response
 * @param {number} expectedStatus
 */
function expectStatus(response, expectedStatus) {
	if (response.status !== expectedStatus) {
		throw new Error(
			`expected HTTP ${expectedStatus} but got ${response.status}: ${response.text.slice(0, 500)}`,
		);
	}
}

/**
 * @param {TestResponse} response
 * @returns {OrderListBody}
 */
function asOrderList(response) {
	expectStatus(response, 200);
	return /** @type {OrderListBody} */ (response.body);
}

/**
 * @param {TestResponse} response
 * @returns {Order}
 */
function asOrder(response) {
	expectStatus(response, 200);
	return /** @type {{ order: Order }} */ (response.body).order;
}

/**
 * @param {TestResponse} response
 * @returns {ReturnListBody}
 */
function asReturnList(response) {
	expectStatus(response, 200);
	return /** @type {ReturnListBody} */ (response.body);
}

/**
 * @param {TestResponse} response
 * @returns {TokenBody}
 */
function asToken(response) {
	expectStatus(response, 200);
	return /** @type {TokenBody} */ (response.body);
}

/**
 * @param {TestResponse} response
 * @returns {ReturnRefundBody}
 */
function asReturnRefund(response) {
	expectStatus(response, 200);
	return /** @type {ReturnRefundBody} */ (response.body);
}

/**
 * @param {TestResponse} response
 * @returns {WalmartErrorItem[]}
 */
function errorsOf(response) {
	return /** @type {{ errors: { error: WalmartErrorItem[] } }} */ (response.body).errors.error;
}

/**
 * @param {TestResponse} response
 * @returns {WalmartErrorItem}
 */
function firstError(response) {
	return errorsOf(response)[0];
}

/** @param {number} epochMs */
function isoSeconds(epochMs) {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DAY_MS = 24 * 60 * 60 * 1000;

module.exports = {
	SERVICE_HEADERS,
	DAY_MS,
	basicAuth,
	readResponse,
	requestToken,
	getToken,
	createClient,
	fetchAllPages,
	asOrderList,
	asOrder,
	asReturnList,
	asToken,
	asReturnRefund,
	errorsOf,
	firstError,
	isoSeconds,
};
