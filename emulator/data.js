// @ts-check
// The seeded data set: orders first, then returns drawn from their shipped lines. The same seed
// and clock give byte-identical data.

const { generateOrders } = require('./seed-orders');
const { generateReturns } = require('./seed-returns');

/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */

/**
 * @param {{ seed: number, now: number, orderCount: number, returnCount: number }} options
 * @returns {{ orders: Order[], returns: ReturnOrder[] }}
 */
function generateDataset(options) {
	const orders = generateOrders(options);
	return { orders, returns: generateReturns(options, orders) };
}

module.exports = { generateDataset };
