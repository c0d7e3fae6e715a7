/**
 * Walmart's order and return calls used by the write operations: every path, every request body
 * and every response check lives here, so operations and planners never spell a URL or a
 * Walmart envelope themselves.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type {
	WalmartOrder,
	WalmartOrderResponse,
	WalmartReturnListResponse,
	WalmartReturnOrder,
} from '../helpers/interfaces';
import { fromCents } from '../helpers/money';
import type { WalmartFailure } from './errors';
import { isContentNotFound, WalmartApiError } from './errors';
import type { WalmartContext } from './index';
import { walmartApiRequest } from './index';

export interface WriteRequest {
	method: 'POST';
	path: string;
	/** Absent for calls that take no body (acknowledge). */
	body?: IDataObject;
}

function orderPath(purchaseOrderId: string): string {
	return `/v3/orders/${encodeURIComponent(purchaseOrderId)}`;
}

function malformed(
	context: WalmartContext,
	request: { method: string; path: string },
	what: string,
	itemIndex?: number,
): WalmartApiError {
	const failure: WalmartFailure = { status: 200, details: [], headers: {} };
	return new WalmartApiError(context.getNode(), failure, {
		message: `Walmart answered ${request.method} ${request.path} without ${what}`,
		description:
			'The answer was not the order Walmart normally sends, so nothing was read from it. Try again; if it persists, check the credential’s environment or Custom Base URL.',
		itemIndex,
	});
}

export async function getOrder(
	context: WalmartContext,
	purchaseOrderId: string,
	itemIndex?: number,
	qs?: IDataObject,
): Promise<WalmartOrder> {
	const path = orderPath(purchaseOrderId);
	const response = await walmartApiRequest<WalmartOrderResponse | undefined>(context, {
		method: 'GET',
		path,
		qs,
		itemIndex,
		idempotent: true,
	});
	const order = response?.order;
	if (
		typeof order !== 'object' ||
		order === null ||
		String(order.purchaseOrderId) !== purchaseOrderId ||
		!Array.isArray(order.orderLines?.orderLine)
	) {
		throw malformed(
			context,
			{ method: 'GET', path },
			`purchase order ${purchaseOrderId}`,
			itemIndex,
		);
	}
	return order;
}

/** The return with this ID, or undefined when Walmart has none. */
export async function findReturn(
	context: WalmartContext,
	returnOrderId: string,
	itemIndex?: number,
): Promise<WalmartReturnOrder | undefined> {
	let response: WalmartReturnListResponse | undefined;
	try {
		response = await walmartApiRequest<WalmartReturnListResponse | undefined>(context, {
			method: 'GET',
			path: '/v3/returns',
			qs: { returnOrderId },
			itemIndex,
			idempotent: true,
		});
	} catch (error) {
		if (
			error instanceof WalmartApiError &&
			error.walmartFailure.status === 404 &&
			isContentNotFound(error.walmartFailure.details)
		) {
			return undefined;
		}
		// Hands back the same WalmartApiError: it already names the call and the fix.
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
	if (!Array.isArray(response?.returnOrders)) {
		throw malformed(
			context,
			{ method: 'GET', path: '/v3/returns' },
			'a list of returns',
			itemIndex,
		);
	}
	return response.returnOrders.find((entry) => String(entry.returnOrderId) === returnOrderId);
}

/** Sends a write once: no resend after an unknown outcome (the write runner reads back). */
export async function sendWrite(
	context: IExecuteFunctions,
	request: WriteRequest,
	itemIndex: number,
	timeoutMs: number,
): Promise<unknown> {
	return await walmartApiRequest<unknown>(context, {
		method: request.method,
		path: request.path,
		body: request.body,
		itemIndex,
		idempotent: false,
		timeoutMs,
	});
}

export interface CancelLineRequest {
	lineNumber: string;
	quantity: number;
}

export function cancelOrderLinesRequest(
	purchaseOrderId: string,
	lines: CancelLineRequest[],
	reason: string,
): WriteRequest {
	return {
		method: 'POST',
		path: `${orderPath(purchaseOrderId)}/cancel`,
		body: {
			orderCancellation: {
				orderLines: {
					orderLine: lines.map((line) => ({
						lineNumber: line.lineNumber,
						orderLineStatuses: {
							orderLineStatus: [
								{
									status: 'Cancelled',
									cancellationReason: reason,
									statusQuantity: { unitOfMeasurement: 'EA', amount: String(line.quantity) },
								},
							],
						},
					})),
				},
			},
		},
	};
}

export interface RefundChargeRequest {
	chargeType: string;
	chargeName: string;
	reason: string;
	/** Positive cents; sent negative as Walmart requires. */
	amountCents: number;
	taxCents: number;
	taxName: string;
}

export interface RefundLineRequest {
	lineNumber: string;
	isFullRefund: boolean;
	comments?: string;
	charges: RefundChargeRequest[];
}

export function refundOrderLinesRequest(
	purchaseOrderId: string,
	currency: string,
	lines: RefundLineRequest[],
): WriteRequest {
	const money = (cents: number) => ({ currency, amount: -fromCents(cents) });
	return {
		method: 'POST',
		path: `${orderPath(purchaseOrderId)}/refund`,
		body: {
			orderRefund: {
				purchaseOrderId,
				orderLines: {
					orderLine: lines.map((line) => ({
						lineNumber: line.lineNumber,
						isFullRefund: line.isFullRefund,
						refunds: {
							refund: [
								{
									...(line.comments ? { refundComments: line.comments } : {}),
									refundCharges: {
										refundCharge: line.charges.map((charge) => ({
											refundReason: charge.reason,
											charge: {
												chargeType: charge.chargeType,
												chargeName: charge.chargeName,
												chargeAmount: money(charge.amountCents),
												// A zero tax object is still a tax refund line for Walmart: omit it.
												...(charge.taxCents > 0
													? { tax: { taxName: charge.taxName, taxAmount: money(charge.taxCents) } }
													: {}),
											},
										})),
									},
								},
							],
						},
					})),
				},
			},
		},
	};
}

export interface ReturnRefundLineRequest {
	returnOrderLineNumber: number;
	unitOfMeasure: string;
	quantity: number;
}

export function refundReturnRequest(
	returnOrderId: string,
	customerOrderId: string,
	lines: ReturnRefundLineRequest[],
): WriteRequest {
	return {
		method: 'POST',
		path: `/v3/returns/${encodeURIComponent(returnOrderId)}/refund`,
		body: {
			customerOrderId,
			refundLines: lines.map((line) => ({
				returnOrderLineNumber: line.returnOrderLineNumber,
				quantity: { unitOfMeasure: line.unitOfMeasure, measurementValue: line.quantity },
			})),
		},
	};
}

/** Acknowledges every Created line of the order; Walmart's call takes no body. */
export function acknowledgeOrderRequest(purchaseOrderId: string): WriteRequest {
	return { method: 'POST', path: `${orderPath(purchaseOrderId)}/acknowledge` };
}

export type CarrierName = { carrier: string } | { otherCarrier: string };

/** One package of a line: its units and tracking. */
export interface ShipPackageRequest {
	quantity: number;
	unitOfMeasurement: 'EACH' | 'EA';
	/** Epoch milliseconds, as Walmart's schema types shipDateTime; whole seconds. */
	shipDateTime: number;
	carrierName: CarrierName;
	methodCode: string;
	trackingNumber: string;
	trackingURL?: string;
	/** Tracking corrections only: the tracking number the package has now. */
	currentTrackingNumber?: string;
}

export interface ShipLineRequest {
	lineNumber: string;
	sellerOrderId: string;
	/** Sent only as true: the seller ships a line the customer asked to cancel. */
	intentToCancelOverride?: boolean;
	packages: ShipPackageRequest[];
}

function orderShipment(lines: ShipLineRequest[], processMode?: 'PARTIAL_UPDATE'): IDataObject {
	return {
		orderShipment: {
			...(processMode ? { processMode } : {}),
			orderLines: {
				orderLine: lines.map((line) => ({
					lineNumber: line.lineNumber,
					...(line.intentToCancelOverride ? { intentToCancelOverride: true } : {}),
					sellerOrderId: line.sellerOrderId,
					orderLineStatuses: {
						// Walmart takes each line once per request, with one entry per package.
						orderLineStatus: line.packages.map((pack) => ({
							status: 'Shipped',
							statusQuantity: {
								unitOfMeasurement: pack.unitOfMeasurement,
								amount: String(pack.quantity),
							},
							trackingInfo: {
								shipDateTime: pack.shipDateTime,
								carrierName: { ...pack.carrierName },
								methodCode: pack.methodCode,
								trackingNumber: pack.trackingNumber,
								...(pack.trackingURL ? { trackingURL: pack.trackingURL } : {}),
							},
							...(pack.currentTrackingNumber
								? { currentTrackingInfo: { trackingNumber: pack.currentTrackingNumber } }
								: {}),
						})),
					},
				})),
			},
		},
	};
}

/** Ships open quantity with tracking; this is what charges the customer. */
export function shipOrderLinesRequest(
	purchaseOrderId: string,
	lines: ShipLineRequest[],
): WriteRequest {
	return {
		method: 'POST',
		path: `${orderPath(purchaseOrderId)}/shipping`,
		body: orderShipment(lines),
	};
}

/** Corrects the tracking of quantity already shipped (Walmart's PARTIAL_UPDATE mode). */
export function updateTrackingRequest(
	purchaseOrderId: string,
	lines: ShipLineRequest[],
): WriteRequest {
	return {
		method: 'POST',
		path: `${orderPath(purchaseOrderId)}/shipping`,
		body: orderShipment(lines, 'PARTIAL_UPDATE'),
	};
}
