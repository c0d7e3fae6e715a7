// @ts-check
// GET /v3/returns: top-level meta/returnOrders (no `list` wrapper), ISO date strings and an
// offset-based nextCursor.

const { contentNotFound } = require('./errors');
const { readDateParam } = require('./dates');
const {
	readString,
	readLimit,
	readNonNegativeInteger,
	readBoolean,
	readEnum,
	toQueryString,
} = require('./params');
const { RETURN_STATUSES, RETURN_TYPES, SELLER } = require('./constants');

/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./types').ReturnStatus} ReturnStatus */
/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */
/** @typedef {import('./store').DataStore} DataStore */

/**
 * @typedef {{
 *   returnOrderId?: string,
 *   customerOrderId?: string,
 *   status?: ReturnStatus,
 *   returnType?: string,
 *   createdStart?: number,
 *   createdEnd?: number,
 *   modifiedStart?: number,
 *   modifiedEnd?: number,
 * }} ReturnFilters
 */

const DEFAULT_LIMIT = 10;
const FILTER_PARAMS = [
	'returnOrderId',
	'customerOrderId',
	'status',
	'returnType',
	'replacementInfo',
	'returnCreationStartDate',
	'returnCreationEndDate',
	'returnLastModifiedStartDate',
	'returnLastModifiedEndDate',
];

/**
 * The API view of a return; shares nested objects with the store, like renderOrder.
 * @param {ReturnOrder} returnOrder
 * @param {{ replacementInfo: boolean }} options
 */
function renderReturn(returnOrder, options) {
	const { lastModified, returnType, replacementCustomerOrderId, ...rest } = returnOrder;
	if (options.replacementInfo) {
		return {
			...rest,
			returnType,
			...(replacementCustomerOrderId === undefined ? {} : { replacementCustomerOrderId }),
		};
	}
	return {
		...rest,
		returnOrderLines: rest.returnOrderLines.map((line) => {
			const { rechargeReason, returnCancellationReason, ...visible } = line;
			return visible;
		}),
	};
}

/**
 * @param {ReturnOrder} returnOrder
 * @param {ReturnFilters} filters
 */
function returnMatches(returnOrder, filters) {
	if (filters.returnOrderId !== undefined && returnOrder.returnOrderId !== filters.returnOrderId) {
		return false;
	}
	if (
		filters.customerOrderId !== undefined &&
		returnOrder.customerOrderId !== filters.customerOrderId
	) {
		return false;
	}
	if (filters.returnType !== undefined && returnOrder.returnType !== filters.returnType) {
		return false;
	}
	const { status } = filters;
	if (
		status !== undefined &&
		!returnOrder.returnOrderLines.some((line) => line.status === status)
	) {
		return false;
	}
	const created = Date.parse(returnOrder.returnOrderDate);
	if (filters.createdStart !== undefined && created < filters.createdStart) return false;
	if (filters.createdEnd !== undefined && created > filters.createdEnd) return false;
	if (filters.modifiedStart !== undefined && returnOrder.lastModified < filters.modifiedStart) {
		return false;
	}
	if (filters.modifiedEnd !== undefined && returnOrder.lastModified > filters.modifiedEnd) {
		return false;
	}
	return true;
}

/**
 * @param {ApiRequest} request
 * @param {{ store: DataStore }} context
 * @returns {Reply}
 */
function listReturns(request, context) {
	const { query } = request;
	const api = /** @type {const} */ ('GMP_RETURNS_API');
	// The returns spec documents millisecond timestamps, unlike the orders spec.
	const dateOptions = { api, allowMilliseconds: true };
	const limit = readLimit(query, api, DEFAULT_LIMIT);
	const offset = readNonNegativeInteger(query, 'offset', api);
	const replacementInfo = readBoolean(query, 'replacementInfo', api);
	/** @type {ReturnFilters} */
	const filters = {
		returnOrderId: readString(query, 'returnOrderId'),
		customerOrderId: readString(query, 'customerOrderId'),
		status: readEnum(query, 'status', RETURN_STATUSES, api),
		returnType: readEnum(query, 'returnType', RETURN_TYPES, api),
		createdStart: readDateParam(query, 'returnCreationStartDate', dateOptions),
		createdEnd: readDateParam(query, 'returnCreationEndDate', dateOptions),
		modifiedStart: readDateParam(query, 'returnLastModifiedStartDate', dateOptions),
		modifiedEnd: readDateParam(query, 'returnLastModifiedEndDate', dateOptions),
	};

	const matches = context.store.returns.filter((entry) => returnMatches(entry, filters));
	const page = matches.slice(offset, offset + limit);
	if (page.length === 0) {
		throw contentNotFound('GMP_RETURNS_API', 'Returns not found for given search parameters.');
	}
	const hasMore = offset + page.length < matches.length;
	/** @type {[string, string][]} */
	const carried = [['sellerId', SELLER.sellerId]];
	for (const name of FILTER_PARAMS) {
		const value = readString(query, name);
		if (value !== undefined) carried.push([name, value]);
	}
	carried.push(['limit', String(limit)], ['offset', String(offset + limit)]);
	// The returns schema requires meta.nextCursor as a string, so the last page sends it empty.
	const nextCursor = hasMore && !query.has('nextCursor') ? toQueryString(carried) : '';
	return {
		status: 200,
		body: {
			meta: { totalCount: matches.length, limit, nextCursor },
			returnOrders: page.map((entry) => renderReturn(entry, { replacementInfo })),
		},
	};
}

module.exports = { listReturns, renderReturn };
