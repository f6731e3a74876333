import { OdooConnection, OdooErp } from '@temu-odoo/odoo-client';
import { TemuClient, TemuMarketplace } from '@temu-odoo/temu-connector';
import { FLEET_CREDENTIALS, type Fleet } from './fleet.js';

/** The fleet's Odoo sandbox through the real adapter (connected). */
export async function fleetErp(fleet: Fleet): Promise<OdooErp> {
  const connection = new OdooConnection({
    url: fleet.odoo.url,
    db: FLEET_CREDENTIALS.odooDb,
    username: FLEET_CREDENTIALS.odooUser,
    password: FLEET_CREDENTIALS.odooPassword,
  });
  await connection.connect();
  return new OdooErp(connection);
}

/** The fleet's Temu shop through the real connector (signed calls, like Seller Center tools). */
export function fleetMarketplace(fleet: Fleet): TemuMarketplace {
  return new TemuMarketplace({
    shopId: fleet.shopId,
    client: new TemuClient({
      baseUrl: fleet.temu.url,
      appKey: FLEET_CREDENTIALS.appKey,
      appSecret: FLEET_CREDENTIALS.appSecret,
      accessToken: FLEET_CREDENTIALS.accessToken,
    }),
  });
}
