/**
 * The sandbox's partner administration across the border (partner-xb): when the anticipated
 * arrival record of a movement reaches it, its office of destination sees the goods arrive and
 * relays, as a partner relays its traders' messages, the arrival notification (CC007C, the
 * arrival advice to the office of departure) and the unloading remarks (CC044C, its control
 * results), which let the office of departure write the movement off.
 */
import { newMessageIdentification } from '../transit/answers.js';
import { el, leaf, messageRoot, serialise } from '../transit/xml-write.js';

export interface PartnerArrival {
  mrn: string;
  /** The partner's office of destination (its reference number). */
  officeOfDestination: string;
  /** Who takes the goods at destination (the declared consignee, or the holder). */
  traderAtDestination: string;
}

const dateTime = (at: Date) => at.toISOString().slice(0, 19);

const header = (type: string, country: string, at: Date) => [
  leaf('messageSender', `NTA.${country}`),
  leaf('messageRecipient', 'NTA.XA'),
  leaf('preparationDateAndTime', dateTime(at)),
  leaf('messageIdentification', newMessageIdentification()),
  leaf('messageType', type),
];

const destination = (arrival: PartnerArrival) => [
  el('CustomsOfficeOfDestinationActual', leaf('referenceNumber', arrival.officeOfDestination)),
  el('TraderAtDestination', leaf('identificationNumber', arrival.traderAtDestination)),
];

/** The partner's arrival notification: the goods presented at its office of destination. */
export function partnerArrivalNotification(arrival: PartnerArrival, country: string, at: Date): string {
  return serialise(
    messageRoot(
      'CC007C',
      ...header('CC007C', country, at),
      el(
        'TransitOperation',
        leaf('MRN', arrival.mrn),
        leaf('arrivalNotificationDateAndTime', dateTime(at)),
        leaf('simplifiedProcedure', '0'),
        leaf('incidentFlag', '0'),
      ),
      ...destination(arrival),
      el(
        'Consignment',
        el(
          'LocationOfGoods',
          leaf('typeOfLocation', 'A'),
          leaf('qualifierOfIdentification', 'V'),
          el('CustomsOffice', leaf('referenceNumber', arrival.officeOfDestination)),
        ),
      ),
    ),
  );
}

/** The partner's unloading remarks: the goods conform, seals intact (its control results). */
export function partnerUnloadingRemarks(arrival: PartnerArrival, country: string, at: Date): string {
  return serialise(
    messageRoot(
      'CC044C',
      ...header('CC044C', country, at),
      el('TransitOperation', leaf('MRN', arrival.mrn)),
      ...destination(arrival),
      el(
        'UnloadingRemark',
        leaf('conform', '1'),
        leaf('unloadingCompletion', '1'),
        leaf('unloadingDate', at.toISOString().slice(0, 10)),
        leaf('stateOfSeals', '1'),
      ),
    ),
  );
}
