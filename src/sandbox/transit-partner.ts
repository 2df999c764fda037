/**
 * The sandbox's partner administration across the border (partner-xb): when the anticipated
 * arrival record of a movement reaches it, its office of destination sees the goods arrive and
 * relays, as a partner relays its traders' messages, the arrival notification (CC007C, the
 * arrival advice to the office of departure) and the unloading remarks (CC044C, its control
 * results), which let the office of departure write the movement off.
 */
import { newMessageIdentification } from '../transit/answers.js';

export interface PartnerArrival {
  mrn: string;
  /** The partner's office of destination (its reference number). */
  officeOfDestination: string;
  /** Who takes the goods at destination (the declared consignee, or the holder). */
  traderAtDestination: string;
}

const dateTime = (at: Date) => at.toISOString().slice(0, 19);

const header = (type: string, country: string, at: Date) =>
  `<messageSender>NTA.${country}</messageSender><messageRecipient>NTA.XA</messageRecipient>` +
  `<preparationDateAndTime>${dateTime(at)}</preparationDateAndTime><messageIdentification>${newMessageIdentification()}</messageIdentification>` +
  `<messageType>${type}</messageType>`;

const escape = (value: string) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The partner's arrival notification: the goods presented at its office of destination. */
export function partnerArrivalNotification(arrival: PartnerArrival, country: string, at: Date): string {
  return (
    `<ncts:CC007C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">${header('CC007C', country, at)}` +
    `<TransitOperation><MRN>${escape(arrival.mrn)}</MRN><arrivalNotificationDateAndTime>${dateTime(at)}</arrivalNotificationDateAndTime>` +
    '<simplifiedProcedure>0</simplifiedProcedure><incidentFlag>0</incidentFlag></TransitOperation>' +
    `<CustomsOfficeOfDestinationActual><referenceNumber>${escape(arrival.officeOfDestination)}</referenceNumber></CustomsOfficeOfDestinationActual>` +
    `<TraderAtDestination><identificationNumber>${escape(arrival.traderAtDestination)}</identificationNumber></TraderAtDestination>` +
    '<Consignment><LocationOfGoods><typeOfLocation>A</typeOfLocation><qualifierOfIdentification>V</qualifierOfIdentification>' +
    `<CustomsOffice><referenceNumber>${escape(arrival.officeOfDestination)}</referenceNumber></CustomsOffice></LocationOfGoods></Consignment></ncts:CC007C>`
  );
}

/** The partner's unloading remarks: the goods conform, seals intact (its control results). */
export function partnerUnloadingRemarks(arrival: PartnerArrival, country: string, at: Date): string {
  return (
    `<ncts:CC044C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">${header('CC044C', country, at)}` +
    `<TransitOperation><MRN>${escape(arrival.mrn)}</MRN></TransitOperation>` +
    `<CustomsOfficeOfDestinationActual><referenceNumber>${escape(arrival.officeOfDestination)}</referenceNumber></CustomsOfficeOfDestinationActual>` +
    `<TraderAtDestination><identificationNumber>${escape(arrival.traderAtDestination)}</identificationNumber></TraderAtDestination>` +
    `<UnloadingRemark><conform>1</conform><unloadingCompletion>1</unloadingCompletion><unloadingDate>${at.toISOString().slice(0, 10)}</unloadingDate>` +
    '<stateOfSeals>1</stateOfSeals></UnloadingRemark></ncts:CC044C>'
  );
}
