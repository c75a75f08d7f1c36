/**
 * Meerkat in a WildFly managed domain (docs/DOMAIN.md): the domain scripts of
 * {@code wildfly-config/domain/} configure profile {@code ha} and a server group, deploy the EAR
 * to it, and the group's servers serve one cluster.
 */
package im.meerkat.testsuite.domain;
