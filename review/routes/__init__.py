"""The review app's routes, one module per area, each an APIRouter that carries its guards (see
review.dependencies): only the sign-in router's routes are open to people who have not signed in."""
