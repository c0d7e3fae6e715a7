import type { IDataObject } from 'n8n-workflow';

import { epochToIso } from './dates';
import type {
	WalmartCharge,
	WalmartOrder,
	WalmartOrderLine,
	WalmartReturnOrder,
	WalmartReturnOrderLine,
} from './interfaces';

/** Money as a number with cents, free of binary floating-point noise (0.1 + 0.2). */
export function roundMoney(value: number): number {
	return Math.round((value + Number.EPSILON) * 100) / 100;
}

export function quantityOf(amount: string | number | undefined): number {
	const parsed = Number(amount ?? 0);
	return Number.isFinite(parsed) ? parsed : 0;
}

export interface ChargeTotals {
	product: number;
	shipping: number;
	tax: number;
	total: number;
}

/**
 * Walmart's `chargeAmount` is the per-unit price of the line, so the line's charge is the
 * amount times the ordered quantity.
 */
export function lineCharges(line: WalmartOrderLine): ChargeTotals {
	const quantity = quantityOf(line.orderLineQuantity?.amount) || 1;
	const totals: ChargeTotals = { product: 0, shipping: 0, tax: 0, total: 0 };
	for (const charge of line.charges?.charge ?? []) {
		const amount = (charge.chargeAmount?.amount ?? 0) * quantity;
		if (charge.chargeType === 'SHIPPING') totals.shipping += amount;
		else totals.product += amount;
		totals.tax += (charge.tax?.taxAmount?.amount ?? 0) * quantity;
	}
	totals.product = roundMoney(totals.product);
	totals.shipping = roundMoney(totals.shipping);
	totals.tax = roundMoney(totals.tax);
	totals.total = roundMoney(totals.product + totals.shipping + totals.tax);
	return totals;
}

/** Already refunded on the line, as a positive number: product, shipping and tax. */
export function lineRefunded(line: WalmartOrderLine): ChargeTotals {
	const totals: ChargeTotals = { product: 0, shipping: 0, tax: 0, total: 0 };
	for (const refund of line.refund?.refundCharges?.refundCharge ?? []) {
		const charge: WalmartCharge = refund.charge;
		const amount = Math.abs(charge.chargeAmount?.amount ?? 0);
		if (charge.chargeType === 'SHIPPING') totals.shipping += amount;
		else totals.product += amount;
		totals.tax += Math.abs(charge.tax?.taxAmount?.amount ?? 0);
	}
	totals.product = roundMoney(totals.product);
	totals.shipping = roundMoney(totals.shipping);
	totals.tax = roundMoney(totals.tax);
	totals.total = roundMoney(totals.product + totals.shipping + totals.tax);
	return totals;
}

/** Quantity per status on a line, e.g. `{ Shipped: 2, Cancelled: 1 }`. */
export function statusQuantities(line: WalmartOrderLine): Record<string, number> {
	const quantities: Record<string, number> = {};
	for (const entry of line.orderLineStatuses?.orderLineStatus ?? []) {
		quantities[entry.status] =
			(quantities[entry.status] ?? 0) + quantityOf(entry.statusQuantity?.amount);
	}
	return quantities;
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
	const statuses = statusQuantities(line);
	const charged = lineCharges(line);
	const refunded = lineRefunded(line);
	const entries = line.orderLineStatuses?.orderLineStatus ?? [];
	const trackingNumbers = entries
		.map((entry) => entry.trackingInfo?.trackingNumber)
		.filter((tracking): tracking is string => !!tracking);
	const cancellationReasons = entries
		.map((entry) => entry.cancellationReason)
		.filter((reason): reason is string => !!reason);
	const productCharge = (line.charges?.charge ?? []).find(
		(charge) => charge.chargeType === 'PRODUCT',
	);
	return {
		lineNumber: line.lineNumber,
		sku: line.item?.sku,
		productName: line.item?.productName,
		quantity: quantityOf(line.orderLineQuantity?.amount),
		status: mainStatus(statuses),
		statusQuantities: statuses,
		unitPrice: productCharge?.chargeAmount?.amount,
		productAmount: charged.product,
		shippingAmount: charged.shipping,
		taxAmount: charged.tax,
		lineTotal: charged.total,
		refundedAmount: refunded.total,
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
	const totals: ChargeTotals = { product: 0, shipping: 0, tax: 0, total: 0 };
	let refunded = 0;
	for (const line of lines) {
		const charged = lineCharges(line);
		totals.product += charged.product;
		totals.shipping += charged.shipping;
		totals.tax += charged.tax;
		refunded += lineRefunded(line).total;
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
		productTotal: roundMoney(totals.product),
		shippingTotal: roundMoney(totals.shipping),
		taxTotal: roundMoney(totals.tax),
		orderTotal: roundMoney(totals.product + totals.shipping + totals.tax),
		refundedTotal: roundMoney(refunded),
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
