// @ts-check
// The emulator's mutable state: orders and returns, looked up by ID, kept newest first.

const { generateDataset } = require('./data');

/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {{ seed: number, now: number, orderCount: number, returnCount: number }} DatasetOptions */

class DataStore {
	/** @param {DatasetOptions} options */
	constructor(options) {
		/** @type {Order[]} */
		this.orders = [];
		/** @type {Map<string, Order>} */
		this.ordersById = new Map();
		/** @type {ReturnOrder[]} */
		this.returns = [];
		/** @type {Map<string, ReturnOrder>} */
		this.returnsById = new Map();
		this.load(options);
	}

	/** @param {DatasetOptions} options */
	load(options) {
		const { orders, returns } = generateDataset(options);
		this.orders = orders;
		this.ordersById = new Map(orders.map((order) => [order.purchaseOrderId, order]));
		this.returns = returns;
		this.returnsById = new Map(returns.map((entry) => [entry.returnOrderId, entry]));
	}

	/** @param {string} purchaseOrderId */
	order(purchaseOrderId) {
		return this.ordersById.get(purchaseOrderId);
	}

	/** @param {string} returnOrderId */
	returnOrder(returnOrderId) {
		return this.returnsById.get(returnOrderId);
	}
}

module.exports = { DataStore };
