import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { epochToIso } from './dates';
import type {
	WalmartOrder,
	WalmartOrderLine,
	WalmartReturnOrder,
	WalmartReturnOrderLine,
} from './interfaces';
import type { LineLedger } from './ledger';
import { lineLedger } from './ledger';
import { fromCents } from './money';
import { toItems } from './utils';

export function quantityOf(amount: string | number | undefined): number {
	const parsed = Number(amount ?? 0);
	return Number.isFinite(parsed) ? parsed : 0;
}

/**
 * Money of a line from its ledger, in the units Walmart uses (dollars with cents). The amounts
 * are Walmart's charges as listed on the line; `refundable` is what Refund Lines would allow.
 */
function lineMoney(ledger: LineLedger) {
	const { PRODUCT: product, SHIPPING: shipping } = ledger.accounts;
	const tax = product.listedTaxCents + shipping.listedTaxCents;
	const refunded =
		product.refundedCents +
		product.refundedTaxCents +
		shipping.refundedCents +
		shipping.refundedTaxCents;
	return {
		productCents: product.listedCents,
		shippingCents: shipping.listedCents,
		taxCents: tax,
		totalCents: product.listedCents + shipping.listedCents + tax,
		refundedCents: refunded,
		refundable: {
			product: fromCents(product.refundableCents),
			productTax: fromCents(product.refundableTaxCents),
			shipping: fromCents(shipping.refundableCents),
			shippingTax: fromCents(shipping.refundableTaxCents),
		},
	};
}

const STATUS_ORDER = ['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled', 'Refund'];

function mainStatus(quantities: Record<string, number>): string | undefined {
	const present = Object.keys(quantities).filter((status) => quantities[status] > 0);
	if (present.length <= 1) return present[0];
	const active = present.filter((status) => status !== 'Cancelled');
	const pick = active.length ? active : present;
	return pick.sort((a, b) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b))[0];
}

function currencyOf(order: WalmartOrder): string | undefined {
	for (const line of order.orderLines?.orderLine ?? []) {
		for (const charge of line.charges?.charge ?? []) {
			if (charge.chargeAmount?.currency) return charge.chargeAmount.currency;
		}
	}
	return undefined;
}

export function simplifyOrderLine(line: WalmartOrderLine): IDataObject {
	const ledger = lineLedger(line);
	const statuses = ledger.quantities;
	const money = lineMoney(ledger);
	const entries = line.orderLineStatuses?.orderLineStatus ?? [];
	const trackingNumbers = entries
		.map((entry) => entry.trackingInfo?.trackingNumber)
		.filter((tracking): tracking is string => !!tracking);
	const cancellationReasons = entries
		.map((entry) => entry.cancellationReason)
		.filter((reason): reason is string => !!reason);
	return {
		lineNumber: line.lineNumber,
		sku: line.item?.sku,
		productName: line.item?.productName,
		quantity: quantityOf(line.orderLineQuantity?.amount),
		status: mainStatus(statuses),
		statusQuantities: statuses,
		// Walmart's listed item price. Whether it is per unit on multi-unit lines is unconfirmed
		// (see the README); refund limits never rely on it.
		unitPrice: fromCents(ledger.accounts.PRODUCT.listedCents),
		productAmount: fromCents(money.productCents),
		shippingAmount: fromCents(money.shippingCents),
		taxAmount: fromCents(money.taxCents),
		lineTotal: fromCents(money.totalCents),
		refundedAmount: fromCents(money.refundedCents),
		refundable: money.refundable,
		statusDate: epochToIso(line.statusDate),
		trackingNumbers,
		cancellationReasons: [...new Set(cancellationReasons)],
		intentToCancel: line.intentToCancel ?? undefined,
		returnOrderId: line.returnOrderId ?? undefined,
		fulfillmentOption: line.fulfillment?.fulfillmentOption,
		shippingProgramType: line.fulfillment?.shippingProgramType,
	};
}

export function simplifyOrder(order: WalmartOrder): IDataObject {
	const lines = order.orderLines?.orderLine ?? [];
	const simplifiedLines = lines.map(simplifyOrderLine);
	const totals = { product: 0, shipping: 0, tax: 0, refunded: 0 };
	for (const line of lines) {
		const money = lineMoney(lineLedger(line));
		totals.product += money.productCents;
		totals.shipping += money.shippingCents;
		totals.tax += money.taxCents;
		totals.refunded += money.refundedCents;
	}
	const statuses = [...new Set(simplifiedLines.map((line) => line.status as string))].filter(
		(status) => !!status,
	);
	const address = order.shippingInfo?.postalAddress;
	return {
		purchaseOrderId: order.purchaseOrderId,
		customerOrderId: order.customerOrderId,
		customerEmailId: order.customerEmailId,
		orderDate: epochToIso(order.orderDate),
		orderType: order.orderType,
		originalCustomerOrderId: order.originalCustomerOrderID,
		statuses,
		shipNodeType: order.shipNode?.type,
		shippingMethod: order.shippingInfo?.methodCode,
		estimatedShipDate: epochToIso(order.shippingInfo?.estimatedShipDate),
		estimatedDeliveryDate: epochToIso(order.shippingInfo?.estimatedDeliveryDate),
		shipTo: address
			? {
					name: address.name,
					address1: address.address1,
					address2: address.address2 ?? undefined,
					city: address.city,
					state: address.state,
					postalCode: address.postalCode,
					country: address.country,
					phone: order.shippingInfo.phone,
				}
			: undefined,
		currency: currencyOf(order),
		productTotal: fromCents(totals.product),
		shippingTotal: fromCents(totals.shipping),
		taxTotal: fromCents(totals.tax),
		orderTotal: fromCents(totals.product + totals.shipping + totals.tax),
		refundedTotal: fromCents(totals.refunded),
		lineCount: lines.length,
		lines: simplifiedLines,
	};
}

/** One item per order line, each carrying its order's identifying fields. */
export function simplifyOrderPerLine(order: WalmartOrder): IDataObject[] {
	const { lines, ...orderFields } = simplifyOrder(order);
	return (lines as IDataObject[]).map((line) => ({
		purchaseOrderId: orderFields.purchaseOrderId,
		customerOrderId: orderFields.customerOrderId,
		orderDate: orderFields.orderDate,
		shipNodeType: orderFields.shipNodeType,
		shippingMethod: orderFields.shippingMethod,
		estimatedShipDate: orderFields.estimatedShipDate,
		shipTo: orderFields.shipTo,
		currency: orderFields.currency,
		...line,
	}));
}

function simplifyReturnLine(line: WalmartReturnOrderLine): IDataObject {
	const total = line.chargeTotals?.find((entry) => entry.name === 'lineTotal');
	return {
		returnOrderLineNumber: line.returnOrderLineNumber,
		purchaseOrderId: line.purchaseOrderId,
		purchaseOrderLineNumber: line.purchaseOrderLineNumber,
		salesOrderLineNumber: line.salesOrderLineNumber,
		sku: line.item?.sku,
		productName: line.item?.productName,
		returnReason: line.returnReason,
		quantity: line.quantity?.measurementValue,
		refundedQuantity: line.refundedQty ?? 0,
		unitPrice: line.unitPrice?.currencyAmount,
		lineTotal: total?.value?.currencyAmount,
		status: line.status,
		refundStatus: line.currentRefundStatus,
		deliveryStatus: line.currentDeliveryStatus,
		refundChannel: line.refundChannel,
	};
}

export function simplifyReturn(returnOrder: WalmartReturnOrder): IDataObject {
	const lines = returnOrder.returnOrderLines ?? [];
	const name = [returnOrder.customerName?.firstName, returnOrder.customerName?.lastName]
		.filter((part) => !!part)
		.join(' ');
	return {
		returnOrderId: returnOrder.returnOrderId,
		customerOrderId: returnOrder.customerOrderId,
		customerName: name || undefined,
		returnOrderDate: returnOrder.returnOrderDate,
		returnByDate: returnOrder.returnByDate,
		returnType: returnOrder.returnType,
		refundMode: returnOrder.refundMode,
		replacementCustomerOrderId: returnOrder.replacementCustomerOrderId,
		totalRefundAmount: returnOrder.totalRefundAmount?.currencyAmount,
		currency: returnOrder.totalRefundAmount?.currencyUnit,
		statuses: [...new Set(lines.map((line) => line.status).filter((status) => !!status))],
		lineCount: lines.length,
		lines: lines.map(simplifyReturnLine),
	};
}

/** Orders as items: one per order or per line, simplified or as Walmart sent them. */
export function shapeOrders(
	orders: WalmartOrder[],
	simplify: boolean,
	output: string,
): INodeExecutionData[] {
	if (output === 'line') {
		if (simplify) return toItems(orders.flatMap(simplifyOrderPerLine));
		return toItems(
			orders.flatMap((order) =>
				(order.orderLines?.orderLine ?? []).map((line) => ({
					purchaseOrderId: order.purchaseOrderId,
					customerOrderId: order.customerOrderId,
					...line,
				})),
			) as unknown as IDataObject[],
		);
	}
	if (simplify) return toItems(orders.map(simplifyOrder));
	return toItems(orders as unknown as IDataObject[]);
}
