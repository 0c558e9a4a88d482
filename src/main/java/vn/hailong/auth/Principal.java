package vn.hailong.auth;

import java.util.Set;

/**
 * Who is calling: a person (by session cookie), an integration (by API key) or a kiosk (by device
 * token). {@code unitId} limits what an agency manager sees to that unit's subtree; {@code centreId}
 * binds a kiosk to its centre.
 */
public record Principal(Kind kind, long id, String name, Set<Access> grants, Long unitId, Long centreId,
                        String csrfToken) {

    public enum Kind { USER, API_KEY, DEVICE, MONITOR }

    boolean may(Set<? extends io.javalin.security.RouteRole> roles) {
        return roles.stream().anyMatch(grants::contains);
    }

    /** The units this caller may see: all of them, or the subtree under its unit. */
    public UnitScope scope() {
        return unitId == null ? UnitScope.ALL : UnitScope.subtree(unitId);
    }

    boolean isAdmin() {
        return grants.contains(Access.ADMIN);
    }

    /** Whether this caller may enter interviews, and bind a rating to a dossier by its code (within its scope). */
    public boolean interviews() {
        return grants.stream().anyMatch(Access.INTERVIEWS::contains);
    }

    /** Roles whose unit limits what they see and do to that unit's subtree; others with a unit are not limited. */
    static boolean scopedByUnit(String role) {
        return role.equals("agency_manager") || role.equals("interviewer");
    }

    /** How this caller appears in the audit log. */
    public String actor() {
        return switch (kind) {
            case USER -> name;
            case API_KEY -> "key:" + name;
            case DEVICE -> "device:" + id;
            case MONITOR -> "metrics";
        };
    }

    static Set<Access> grantsOfRole(String role) {
        return switch (role) {
            case "admin" -> Set.of(Access.SIGNED_IN, Access.ADMIN);
            case "analyst" -> Set.of(Access.SIGNED_IN, Access.ANALYST);
            case "agency_manager" -> Set.of(Access.SIGNED_IN, Access.AGENCY_MANAGER);
            case "interviewer" -> Set.of(Access.SIGNED_IN, Access.INTERVIEWER);
            default -> Set.of();
        };
    }
}
