/**
 * The DynamoDB store: one object implementing the Store port over one table. Its parts share a
 * document client; each part holds one aggregate's access patterns.
 */
import { CreateTableCommand, ResourceInUseException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../port.js';
import { createTableInput } from '../table.js';
import type { UnitStore } from '../unitPort.js';
import { DynamoAudit } from './audit.js';
import { createDocumentClient, type DynamoStoreOptions } from './base.js';
import { DynamoDonors } from './donors.js';
import { DynamoInventory } from './inventory.js';
import { DynamoUnits } from './units.js';

export type { DynamoStoreOptions } from './base.js';

export class DynamoStore implements Store, UnitStore {
  readonly inventory: DynamoInventory;
  readonly units: DynamoUnits;
  readonly donors: DynamoDonors;
  readonly audit: DynamoAudit;
  readonly client: DynamoDBDocumentClient;

  constructor(readonly options: DynamoStoreOptions) {
    this.client = createDocumentClient(options);
    this.inventory = new DynamoInventory(options, this.client);
    this.units = new DynamoUnits(options, this.client);
    this.donors = new DynamoDonors(options, this.client);
    this.audit = new DynamoAudit(options, this.client);
  }

  sites = () => this.inventory.sites();
  site = (id: string) => this.inventory.site(id);
  stockCounts: Store['stockCounts'] = (site) => this.inventory.stockCounts(site);
  issuesByDay: Store['issuesByDay'] = (days) => this.inventory.issuesByDay(days);
  stockSnapshot: Store['stockSnapshot'] = (component, fromDay) =>
    this.inventory.stockSnapshot(component, fromDay);
  availableUnits: Store['availableUnits'] = (...a) => this.inventory.availableUnits(...a);
  commitAllocation: Store['commitAllocation'] = (...a) => this.inventory.commitAllocation(...a);
  getRequest: Store['getRequest'] = (id) => this.inventory.getRequest(id);
  donorById: Store['donorById'] = (id) => this.donors.donorById(id);
  donorFile: Store['donorFile'] = (id) => this.donors.donorFile(id);
  donorIdBySub: Store['donorIdBySub'] = (sub) => this.donors.donorIdBySub(sub);
  donorIdByPhone: Store['donorIdByPhone'] = (p) => this.donors.donorIdByPhone(p);
  registerDonor: Store['registerDonor'] = (...a) => this.donors.registerDonor(...a);
  recordPastDonation: Store['recordPastDonation'] = (...a) => this.donors.recordPastDonation(...a);
  addDeferral: Store['addDeferral'] = (...a) => this.donors.addDeferral(...a);
  setBloodGroup: Store['setBloodGroup'] = (...a) => this.donors.setBloodGroup(...a);
  slotBookings: Store['slotBookings'] = (...a) => this.donors.slotBookings(...a);
  bookAppointment: Store['bookAppointment'] = (...a) => this.donors.bookAppointment(...a);
  cancelAppointment: Store['cancelAppointment'] = (...a) => this.donors.cancelAppointment(...a);
  recordDonation: UnitStore['recordDonation'] = (...a) => this.units.recordDonation(...a);
  donation: UnitStore['donation'] = (din) => this.units.donation(din);
  donationsOfDonor: UnitStore['donationsOfDonor'] = (id) => this.units.donationsOfDonor(id);
  unitsOfDonation: UnitStore['unitsOfDonation'] = (din) => this.units.unitsOfDonation(din);
  unit: UnitStore['unit'] = (din, code) => this.units.unit(din, code);
  saveChanges: UnitStore['saveChanges'] = (...a) => this.units.saveChanges(...a);
  receiveUnits: UnitStore['receiveUnits'] = (...a) => this.units.receiveUnits(...a);
  unitsByStatus: UnitStore['unitsByStatus'] = (...a) => this.units.unitsByStatus(...a);
  expiringUnits: UnitStore['expiringUnits'] = (...a) => this.units.expiringUnits(...a);
  issuesByHospital: UnitStore['issuesByHospital'] = (...a) => this.units.issuesByHospital(...a);
  activityCounts: UnitStore['activityCounts'] = (...a) => this.units.activityCounts(...a);
  auditByDay: Store['auditByDay'] = (d) => this.audit.auditByDay(d);
  auditByEntity: Store['auditByEntity'] = (t, id) => this.audit.auditByEntity(t, id);
  auditPage: Store['auditPage'] = (d, o) => this.audit.auditPage(d, o);
  appendAudit: Store['appendAudit'] = (a, e) => this.audit.appendAudit(a, e);

  /** Creates the table when missing (embedded default and tests only; CDK owns it on AWS). */
  async ensureTable(): Promise<void> {
    const raw = this.client;
    try {
      await raw.send(new CreateTableCommand(createTableInput(this.options.tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    // DynamoDB Local is ACTIVE at once or within moments: poll briefly rather than the SDK's 20 s default.
    await waitUntilTableExists(
      { client: raw, minDelay: 0.1, maxDelay: 1, maxWaitTime: 30 },
      { TableName: this.options.tableName },
    );
  }

  destroy(): void {
    this.client.destroy();
  }
}
