/**
 * Pure planner for Acknowledge: the live order in, whether to send Walmart's acknowledgement
 * (which takes the whole order) out. No n8n context, no HTTP.
 *
 * Re-run safety comes from Walmart's state: an order with nothing left in Created status is
 * reported as already acknowledged and nothing is sent.
 */
import type { WalmartOrder } from '../../helpers/interfaces';
import { describeQuantities, lineLedger } from '../../helpers/ledger';
import { InputError } from '../../helpers/parse';
import type { LineOutcome } from '../../helpers/writeRunner';

export interface AcknowledgePlan {
	/** Lines with Created quantity, outcome `planned`; empty when nothing is to be sent. */
	toAcknowledge: LineOutcome[];
	/** Lines with nothing in Created status, reported and not sent. */
	skipped: LineOutcome[];
}

export function planAcknowledge(order: WalmartOrder): AcknowledgePlan {
	const purchaseOrderId = order.purchaseOrderId;
	if (order.shipNode?.type === 'WFSFulfilled') {
		throw new InputError(
			`Purchase order ${purchaseOrderId} is fulfilled by Walmart (WFS) and cannot be acknowledged here`,
			'Walmart acknowledges and ships WFS orders itself; leave WFS orders out (Get Many and the trigger read Seller Fulfilled orders by default).',
		);
	}
	const plan: AcknowledgePlan = { toAcknowledge: [], skipped: [] };
	for (const line of order.orderLines.orderLine) {
		const ledger = lineLedger(line);
		const created = ledger.quantities.Created ?? 0;
		const statuses = describeQuantities(ledger.quantities);
		if (created > 0) {
			plan.toAcknowledge.push({
				lineNumber: ledger.lineNumber,
				outcome: 'planned',
				quantity: created,
			});
			continue;
		}
		const beyond = ledger.openQuantity + ledger.shippedQuantity > 0;
		plan.skipped.push({
			lineNumber: ledger.lineNumber,
			outcome: 'skipped',
			quantity: 0,
			message: beyond
				? `Line ${ledger.lineNumber} is already acknowledged or beyond (${statuses}); not sent again`
				: `Line ${ledger.lineNumber} has nothing to acknowledge (${statuses})`,
		});
	}
	return plan;
}

/** Units per line in Acknowledged or a later status, for read-back. */
export function acknowledgedUnits(order: WalmartOrder): Map<string, number> {
	return new Map(
		order.orderLines.orderLine.map((line) => {
			const quantities = lineLedger(line).quantities;
			const moved =
				(quantities.Acknowledged ?? 0) + (quantities.Shipped ?? 0) + (quantities.Delivered ?? 0);
			return [String(line.lineNumber), moved];
		}),
	);
}

/** Units per line still in Created status. */
export function createdUnits(order: WalmartOrder): Map<string, number> {
	return new Map(
		order.orderLines.orderLine.map((line) => [
			String(line.lineNumber),
			lineLedger(line).quantities.Created ?? 0,
		]),
	);
}
