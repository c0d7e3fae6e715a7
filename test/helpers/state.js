// @ts-check
/** Reads the emulator's current state in the shapes the node's types describe. */

/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrder} WalmartOrder */
/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartReturnOrder} WalmartReturnOrder */

/**
 * @param {{ getOrder: (id: string) => unknown }} emu
 * @param {string} purchaseOrderId
 * @returns {WalmartOrder}
 */
function orderOf(emu, purchaseOrderId) {
	const order = emu.getOrder(purchaseOrderId);
	if (!order) throw new Error(`The emulator has no order ${purchaseOrderId}`);
	return /** @type {WalmartOrder} */ (order);
}

/**
 * @param {{ getReturn: (id: string) => unknown }} emu
 * @param {string} returnOrderId
 * @returns {WalmartReturnOrder}
 */
function returnOf(emu, returnOrderId) {
	const found = emu.getReturn(returnOrderId);
	if (!found) throw new Error(`The emulator has no return ${returnOrderId}`);
	return /** @type {WalmartReturnOrder} */ (found);
}

module.exports = { orderOf, returnOf };
