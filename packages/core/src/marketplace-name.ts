/**
 * How ERP records name the marketplace (buyer placeholders, order notes, dedicated tax names) when
 * the caller does not say. The app passes the connector's name, which the ERP data then carries;
 * the ERP adapter finds a dedicated tax again by its name, so the app must pass the same name always.
 */
export const DEFAULT_MARKETPLACE_NAME = 'Marketplace';
