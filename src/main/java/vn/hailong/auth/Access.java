package vn.hailong.auth;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Every route names at least one; {@link AccessControl} refuses a route that names
 * none, so a route added without a rule is closed, and the authorization matrix test fails.
 */
public enum Access implements RouteRole {
    /** Anyone, signed in or not. */
    PUBLIC,
    /** Any signed-in person, whatever their role. */
    SIGNED_IN,
    ADMIN,
    ANALYST,
    AGENCY_MANAGER,
    /** Enters interviews (paper forms, face-to-face) for the units in its scope. */
    INTERVIEWER,
    /** An enrolled kiosk device: submits ratings for its centre, nothing else. */
    KIOSK,
    /** A monitoring system holding METRICS_TOKEN: reads /metrics, nothing else. */
    METRICS,
    /** API keys, by scope. */
    KEY_INVITATIONS,
    KEY_IMPORT,
    KEY_READ,
    KEY_INTERVIEWS,
    /** The dossier system: sends dossier facts and monthly counts (Decision 766 indicators). */
    KEY_DOSSIERS;

    /** Roles that may read analytics, comments and the unit tree (within their scope). */
    public static final Access[] READERS = {ADMIN, ANALYST, AGENCY_MANAGER, KEY_READ};

    /** Rights that may attribute a rating to an interview (channel interview) or bind it to a dossier by its code. */
    static final java.util.Set<Access> INTERVIEWS = java.util.Set.of(ADMIN, INTERVIEWER, KEY_INTERVIEWS);
}
