// @ts-check
// GET /v3/orders, GET /v3/orders/released and GET /v3/orders/{purchaseOrderId}.

const { contentNotFound, invalidParam } = require('./errors');
const { orderCapExceeded } = require('./scale');
const { DAY_MS, readDateParam, isoWithMillis } = require('./dates');
const {
	readString,
	readLimit,
	readNonNegativeInteger,
	readBoolean,
	readEnum,
	toQueryString,
} = require('./params');
const {
	LINE_STATUSES,
	SHIP_NODE_TYPES,
	SHIPPING_PROGRAM_TYPES,
	ORDER_TYPES,
	SELLER,
} = require('./constants');

/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./types').ShipNodeType} ShipNodeType */
/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./store').DataStore} DataStore */
/** @typedef {{ store: DataStore, now: number, orderCap?: number | null }} ReadContext */
/** @typedef {{ productInfo: boolean, replacementInfo: boolean }} RenderOptions */
/** @typedef {'all' | 'released'} ListKind */

/**
 * @typedef {{
 *   createdStart: number,
 *   createdEnd: number,
 *   shipNodeType: ShipNodeType,
 *   releasedOnly: boolean,
 *   sku?: string,
 *   customerOrderId?: string,
 *   purchaseOrderId?: string,
 *   status?: LineStatus,
 *   fromExpectedShip?: number,
 *   toExpectedShip?: number,
 *   lastModifiedStart?: number,
 *   lastModifiedEnd?: number,
 *   shippingProgramType?: string,
 *   orderType?: string,
 * }} OrderFilters
 */

const DEFAULT_LIMIT = 100;
const DEFAULT_WINDOW_MS = 7 * DAY_MS;
const HORIZON_MS = 180 * DAY_MS;
const CURSOR_MARKERS = ['hasMoreElements', 'soIndex', 'poIndex'];

// Filters copied verbatim into nextCursor after the date window and ship node type.
const PASS_THROUGH_PARAMS = {
	all: [
		'status',
		'sku',
		'customerOrderId',
		'purchaseOrderId',
		'fromExpectedShipDate',
		'toExpectedShipDate',
		'lastModifiedStartDate',
		'lastModifiedEndDate',
		'shippingProgramType',
		'orderType',
		'productInfo',
		'replacementInfo',
		'incentiveInfo',
	],
	released: [
		'sku',
		'customerOrderId',
		'purchaseOrderId',
		'fromExpectedShipDate',
		'toExpectedShipDate',
		'shippingProgramType',
		'orderType',
		'productInfo',
		'replacementInfo',
		'incentiveInfo',
	],
};

/**
 * The API view of an order: no internal fields, optional blocks only when asked for. It shares
 * nested objects with the store, so the server serialises it before anything can change.
 * @param {Order} order
 * @param {RenderOptions} options
 */
function renderOrder(order, options) {
	const { lastModified, orderType, originalCustomerOrderID, ...rest } = order;
	const { purchaseOrderId, customerOrderId, customerEmailId, orderLines, ...details } = rest;
	return {
		purchaseOrderId,
		customerOrderId,
		customerEmailId,
		...(options.replacementInfo
			? {
					orderType,
					...(originalCustomerOrderID === undefined ? {} : { originalCustomerOrderID }),
				}
			: {}),
		...details,
		orderLines: {
			orderLine: orderLines.orderLine.map((line) => renderLine(line, options)),
		},
	};
}

/**
 * @param {OrderLine} line
 * @param {RenderOptions} options
 */
function renderLine(line, options) {
	if (options.productInfo) return line;
	const { imageUrl, weight, ...item } = line.item;
	return { ...line, item };
}

/**
 * @param {OrderLine} line
 * @param {LineStatus} status
 */
function lineHasStatus(line, status) {
	return line.orderLineStatuses.orderLineStatus.some(
		(entry) => entry.status === status && Number(entry.statusQuantity.amount) > 0,
	);
}

/**
 * @param {Order} order
 * @param {OrderFilters} filters
 */
function orderMatches(order, filters) {
	if (order.shipNode.type !== filters.shipNodeType) return false;
	if (order.orderDate < filters.createdStart || order.orderDate > filters.createdEnd) return false;
	if (filters.purchaseOrderId !== undefined && order.purchaseOrderId !== filters.purchaseOrderId) {
		return false;
	}
	if (filters.customerOrderId !== undefined && order.customerOrderId !== filters.customerOrderId) {
		return false;
	}
	if (filters.orderType !== undefined && order.orderType !== filters.orderType) return false;
	const lines = order.orderLines.orderLine;
	if (filters.sku !== undefined && !lines.some((line) => line.item.sku === filters.sku)) {
		return false;
	}
	const { status } = filters;
	if (status !== undefined && !lines.some((line) => lineHasStatus(line, status))) return false;
	if (filters.releasedOnly && !lines.some((line) => lineHasStatus(line, 'Created'))) return false;
	const programType = filters.shippingProgramType;
	if (
		programType !== undefined &&
		!lines.some((line) => line.fulfillment.shippingProgramType === programType)
	) {
		return false;
	}
	const shipDate = order.shippingInfo.estimatedShipDate;
	if (filters.fromExpectedShip !== undefined && shipDate < filters.fromExpectedShip) return false;
	if (filters.toExpectedShip !== undefined && shipDate > filters.toExpectedShip) return false;
	if (filters.lastModifiedStart !== undefined && order.lastModified < filters.lastModifiedStart) {
		return false;
	}
	if (filters.lastModifiedEnd !== undefined && order.lastModified > filters.lastModifiedEnd) {
		return false;
	}
	return true;
}

/**
 * The first index whose order date passes `test`, a test that older dates keep passing once a
 * newer one does. The store keeps orders newest first (seeded sorted, live orders inserted in
 * place) and never changes an order's date.
 * @param {Order[]} orders
 * @param {(epochMs: number) => boolean} test
 */
function firstIndexDated(orders, test) {
	let low = 0;
	let high = orders.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (test(orders[middle].orderDate)) high = middle;
		else low = middle + 1;
	}
	return low;
}

/**
 * @param {number} poIndex
 * @param {number} soIndex
 */
function cursorToken(poIndex, soIndex) {
	return Buffer.from(JSON.stringify({ poIndex, soIndex })).toString('base64url');
}

/**
 * A page request built from nextCursor is recognised by Walmart's paging parameters; its
 * opaque `cursor` token, when present, must belong to the same page.
 * @param {URLSearchParams} query
 * @returns {{ isCursor: boolean, offset: number }}
 */
function readCursorPosition(query) {
	const isCursor = CURSOR_MARKERS.some((name) => query.has(name));
	if (!isCursor) return { isCursor, offset: 0 };
	const offset = readNonNegativeInteger(query, 'poIndex', 'GMP_ORDER_API');
	const token = readString(query, 'cursor');
	if (token !== undefined) {
		/** @type {unknown} */
		let decoded;
		try {
			decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		} catch {
			decoded = undefined;
		}
		const tokenOffset =
			typeof decoded === 'object' && decoded !== null && 'poIndex' in decoded
				? decoded.poIndex
				: undefined;
		if (tokenOffset !== offset) {
			throw invalidParam(
				'GMP_ORDER_API',
				'cursor',
				'The cursor parameter is invalid or does not match poIndex. Append nextCursor to the path exactly as returned.',
			);
		}
	}
	return { isCursor, offset };
}

/**
 * @param {URLSearchParams} query
 * @param {ListKind} kind
 * @param {number} now
 */
function parseListQuery(query, kind, now) {
	const { isCursor, offset } = readCursorPosition(query);
	// Walmart's own cursors carry millisecond timestamps; only users are held to the documented
	// second-precision formats.
	const dateOptions = { api: /** @type {const} */ ('GMP_ORDER_API'), allowMilliseconds: isCursor };
	const limit = readLimit(query, 'GMP_ORDER_API', DEFAULT_LIMIT);
	const productInfo = readBoolean(query, 'productInfo', 'GMP_ORDER_API');
	const replacementInfo = readBoolean(query, 'replacementInfo', 'GMP_ORDER_API');
	readBoolean(query, 'incentiveInfo', 'GMP_ORDER_API');

	const requestedStart = readDateParam(query, 'createdStartDate', dateOptions);
	const requestedEnd = readDateParam(query, 'createdEndDate', dateOptions);
	const horizonStart = now - HORIZON_MS;
	let createdStart = requestedStart ?? now - DEFAULT_WINDOW_MS;
	const startRewritten = requestedStart === undefined || requestedStart < horizonStart;
	// Walmart silently moves a start date older than its 180-day horizon.
	if (createdStart < horizonStart) createdStart = horizonStart;
	const createdEnd = requestedEnd ?? now;
	const shipNodeType =
		readEnum(query, 'shipNodeType', SHIP_NODE_TYPES, 'GMP_ORDER_API') ?? 'SellerFulfilled';

	/** @type {OrderFilters} */
	const filters = {
		createdStart,
		createdEnd,
		shipNodeType,
		releasedOnly: kind === 'released',
		sku: readString(query, 'sku'),
		customerOrderId: readString(query, 'customerOrderId'),
		purchaseOrderId: readString(query, 'purchaseOrderId'),
		fromExpectedShip: readDateParam(query, 'fromExpectedShipDate', dateOptions),
		toExpectedShip: readDateParam(query, 'toExpectedShipDate', dateOptions),
		shippingProgramType: readEnum(
			query,
			'shippingProgramType',
			SHIPPING_PROGRAM_TYPES,
			'GMP_ORDER_API',
		),
		orderType: readEnum(query, 'orderType', ORDER_TYPES, 'GMP_ORDER_API'),
	};
	if (kind === 'all') {
		filters.status = readEnum(query, 'status', LINE_STATUSES, 'GMP_ORDER_API');
		filters.lastModifiedStart = readDateParam(query, 'lastModifiedStartDate', dateOptions);
		filters.lastModifiedEnd = readDateParam(query, 'lastModifiedEndDate', dateOptions);
	}

	/** @type {[string, string][]} */
	const carried = [
		[
			'createdStartDate',
			startRewritten ? isoWithMillis(createdStart) : String(query.get('createdStartDate')).trim(),
		],
		[
			'createdEndDate',
			requestedEnd === undefined
				? isoWithMillis(createdEnd)
				: String(query.get('createdEndDate')).trim(),
		],
		['shipNodeType', shipNodeType],
	];
	for (const name of PASS_THROUGH_PARAMS[kind]) {
		const value = readString(query, name);
		if (value !== undefined) carried.push([name, value]);
	}

	return {
		limit,
		offset,
		filters,
		render: { productInfo, replacementInfo },
		carried,
		// A client that sends the cursor as ?nextCursor=… gets page one and no cursor, as in
		// production, so the bug shows up as missing data rather than passing unnoticed.
		cursorMisused: query.has('nextCursor'),
	};
}

/**
 * @param {ListKind} kind
 * @param {{ limit: number, offset: number, total: number, carried: [string, string][] }} page
 */
function buildNextCursor(kind, page) {
	const nextOffset = page.offset + page.limit;
	/** @type {[string, string][]} */
	const pairs = [
		['limit', String(page.limit)],
		['hasMoreElements', 'true'],
		['soIndex', String(page.total)],
		['cursor', cursorToken(nextOffset, page.total)],
		['poIndex', String(nextOffset)],
		['partnerId', SELLER.partnerId],
		['sellerId', SELLER.sellerId],
	];
	if (kind === 'released') pairs.push(['status', 'Created']);
	return toQueryString([...pairs, ...page.carried]);
}

/**
 * @param {ApiRequest} request
 * @param {ReadContext} context
 * @param {ListKind} kind
 * @returns {Reply}
 */
function listOrders(request, context, kind) {
	const parsed = parseListQuery(request.query, kind, context.now);
	const { createdStart, createdEnd } = parsed.filters;
	const orders = context.store.orders;
	// Every page re-runs the query against the live state (so writes show up at once); only the
	// created-date range is found by bisection, because scanning 50,000 orders per page was most
	// of the emulator's time on a paged read.
	const matches = orders
		.slice(
			firstIndexDated(orders, (date) => date <= createdEnd),
			firstIndexDated(orders, (date) => date < createdStart),
		)
		.filter((order) => orderMatches(order, parsed.filters));
	if (context.orderCap != null && matches.length > context.orderCap) {
		throw orderCapExceeded(
			matches.length,
			context.orderCap,
			kind === 'released' ? 'getAllReleasedOrders' : 'getAllOrders',
		);
	}
	const page = matches.slice(parsed.offset, parsed.offset + parsed.limit);
	if (page.length === 0) {
		throw contentNotFound(
			'GMP_ORDER_API',
			`Failed when called ${kind === 'released' ? 'getAllReleasedOrders' : 'getAllOrders'}. Orders not found for given search parameters.`,
		);
	}
	const hasMore = parsed.offset + page.length < matches.length;
	// The spec types nextCursor as a string and does not require it: the last page omits it.
	const cursor =
		hasMore && !parsed.cursorMisused
			? {
					nextCursor: buildNextCursor(kind, {
						limit: parsed.limit,
						offset: parsed.offset,
						total: matches.length,
						carried: parsed.carried,
					}),
				}
			: {};
	return {
		status: 200,
		body: {
			list: {
				meta: { totalCount: matches.length, limit: page.length, ...cursor },
				elements: { order: page.map((order) => renderOrder(order, parsed.render)) },
			},
		},
	};
}

/**
 * @param {ApiRequest} request
 * @param {ReadContext} context
 * @returns {Reply}
 */
function getOrder(request, context) {
	const purchaseOrderId = request.params.purchaseOrderId;
	const render = {
		productInfo: readBoolean(request.query, 'productInfo', 'GMP_ORDER_API'),
		replacementInfo: readBoolean(request.query, 'replacementInfo', 'GMP_ORDER_API'),
	};
	const order = context.store.order(purchaseOrderId);
	if (order === undefined) {
		throw contentNotFound(
			'GMP_ORDER_API',
			`No purchase order found with purchaseOrderId '${purchaseOrderId}'.`,
		);
	}
	return { status: 200, body: { order: renderOrder(order, render) } };
}

module.exports = { listOrders, getOrder, renderOrder };
