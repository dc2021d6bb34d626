/**
 * Sentences staff type about receiving, moving, returning, discarding, quarantining and finding
 * units (issue 14's safety net), each with the intent it means. Written for these tests, apart from
 * the training utterances. None of them may ever reach RequestUnits or allocate a unit; the NLU test
 * (test/unit/bots/unitSafety.test.ts) checks where each lands, the e2e test
 * (test/e2e/unitSafety.test.ts) runs each through dialog and fulfillment and checks stock.
 * DINs: W1234 26 000081 S … as printed (valid check characters), or scanned `=W123426000081` + flags.
 */
export type UnitIntent =
  | 'ReceiveUnits'
  | 'TransferUnits'
  | 'ReturnUnits'
  | 'DiscardUnits'
  | 'TraceUnit'
  | 'Lookback'
  | 'ExpiringUnits';

export const UNIT_SAFETY_SENTENCES: ReadonlyArray<readonly [text: string, intent: UnitIntent]> = [
  // Receiving
  ['receive 10 units of O+ red cells into stock', 'ReceiveUnits'],
  ['we got 4 bags of A neg ffp from NHSBT today', 'ReceiveUnits'],
  ['book in W1234 26 000150 Y, W1234 26 000151 W O pos rbc exp 12/20', 'ReceiveUnits'],
  ['receipt from the Red Cross: =W12342600015200 =W12342600020000', 'ReceiveUnits'],
  ['shipment of plt just arrived from Regional Blood Centre', 'ReceiveUnits'],
  ['receiving 6 B+ plasma, expiry 2027-01-15', 'ReceiveUnits'],
  ['add these to inventory W1234 26 000200 9 and W1234 26 000201 7', 'ReceiveUnits'],
  ['pls receive cryo from lakeside, 3 bags', 'ReceiveUnits'],
  ['new delivery in from vitalant, AB pos platelets', 'ReceiveUnits'],
  ['received 2 units O neg red cells from another hospital bank', 'ReceiveUnits'],
  // Moving
  ['transfer 3 units of A+ red cells from central to northside', 'TransferUnits'],
  ['move 2 O- rbc to northside', 'TransferUnits'],
  ['send 5 ffp from northside over to central', 'TransferUnits'],
  ['shift W1234 26 000355 8 to central', 'TransferUnits'],
  ['northside needs 4 B pos plt moved from central', 'TransferUnits'],
  ['inter-site transfer 6 AB- plasma central to north', 'TransferUnits'],
  ['move the O+ reds from central to northside, 10 of them', 'TransferUnits'],
  ['can we transfer 2 cryo across to northside', 'TransferUnits'],
  ['relocate =W12342600035600 from northside to central', 'TransferUnits'],
  ['rebalance 3 A neg packed cells to central site', 'TransferUnits'],
  // Returning
  ['W1234 26 000081 S came back from St Marys, out 20 min', 'ReturnUnits'],
  ['return unit W1234 26 000082 Q from City General', 'ReturnUnits'],
  ["St Luke's sent back =W12342600008300 unused", 'ReturnUnits'],
  ['returned from theatre W1234 26 000360 E after 45 minutes out', 'ReturnUnits'],
  ['ward sent back a bag unopened W1234 26 000400 U', 'ReturnUnits'],
  ['return W1234 26 000512 E to the fridge, been out 15 mins', 'ReturnUnits'],
  ['the Royal Infirmary returned W1234 26 000513 C', 'ReturnUnits'],
  ['unit back from ICU, W1234 26 000777 1, 25 minutes out of storage', 'ReturnUnits'],
  ['book back in W1234 26 000150 Y returned by the General', 'ReturnUnits'],
  ['got a return from eastside clinic W1234 26 000151 W', 'ReturnUnits'],
  // Discarding
  ['discard unit W1234 26 000081 S', 'DiscardUnits'],
  ['discard W1234 26 000082 Q and W1234 26 000083 O, both expired', 'DiscardUnits'],
  ['mark unit W1234 26 000150 Y as expired', 'DiscardUnits'],
  ['write it off W1234 26 000151 W, bag is leaking', 'DiscardUnits'],
  ['bin =W12342600015200 haemolysed', 'DiscardUnits'],
  ['W1234 26 000200 9 W1234 26 000201 7 temp excursion, discard both', 'DiscardUnits'],
  ['throw out W1234 26 000355 8, it was dropped and cracked', 'DiscardUnits'],
  ['discard the plt from W1234 26 000356 6 clotted', 'DiscardUnits'],
  ['W1234 26 000360 E out of date pls discard', 'DiscardUnits'],
  ['dispose W1234 26 000400 U, W1234 26 000512 E, W1234 26 000513 C fridge failure', 'DiscardUnits'],
  ['destroy W1234 26 000777 1 low volume', 'DiscardUnits'],
  ['write off 2 units: W1234 26 000081 S, W1234 26 000082 Q lipaemic', 'DiscardUnits'],
  // Quarantining
  ['quarantine unit W1234 26 000081 S', 'Lookback'],
  ['put W1234 26 000082 Q in quarantine', 'Lookback'],
  ['place a hold on W1234 26 000083 O', 'Lookback'],
  ['quarantine all components of donation W1234 26 000150 Y', 'Lookback'],
  ['donor of W1234 26 000151 W seroconverted, do a lookback', 'Lookback'],
  ['lookback on donor Dana Donor', 'Lookback'],
  ['run a look-back for donor +12025550123', 'Lookback'],
  ['quarantine everything from donor Maria Lopez', 'Lookback'],
  ['hold all in-date units from W1234 26 000200 9', 'Lookback'],
  // Finding
  ['where is unit W1234 26 000081 S', 'TraceUnit'],
  ['look up unit W1234 26 000082 Q', 'TraceUnit'],
  ['trace =W12342600008300', 'TraceUnit'],
  ['where did W1234 26 000150 Y end up', 'TraceUnit'],
  ['history for W1234 26 000151 W pls', 'TraceUnit'],
  ['find W1234 26 000152 U', 'TraceUnit'],
  ['which hospital got W1234 26 000200 9', 'TraceUnit'],
  ['status W1234 26 000201 7?', 'TraceUnit'],
  ['is W1234 26 000355 8 still on the shelf', 'TraceUnit'],
  ['what happened to bag W1234 26 000356 6', 'TraceUnit'],
  ['what expires in the next 2 days', 'ExpiringUnits'],
  ['which plt are going out of date at northside', 'ExpiringUnits'],
  ['anything expiring tomorrow at central', 'ExpiringUnits'],
  ['short dated rbc this week?', 'ExpiringUnits'],
  ['list ffp close to expiry', 'ExpiringUnits'],
];
