/**
 * The admin REST API under {@code /api}: accounts, sessions and served domains, for
 * {@code bin/meerkatctl} and the admin console. Resources are thin: they read the request, call
 * {@link im.meerkat.server.admin.AdminService} and map its results and
 * {@link im.meerkat.server.admin.AdminException}s to HTTP (RFC 9110 status codes, JSON bodies per
 * RFC 8259). Only callers in the role {@value im.meerkat.web.admin.AdminApplication#ADMIN_ROLE}
 * reach it; {@code WEB-INF/web.xml} declares the constraint. The API is described in
 * {@code docs/ADMIN.md}.
 */
package im.meerkat.web.admin;
