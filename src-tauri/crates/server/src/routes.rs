//! The axum router: handlers convert requests, call [`crate::db`], and answer
//! `{code, message}` on every error (malformed JSON, oversized bodies, bad tokens).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};
use axum::{Json, Router};
use sqlx::PgPool;

use crate::api::{
    DeviceInfo, Invite, InviteRequest, JoinRequest, JoinResponse, Me, PullQuery, PullResponse,
    PushRequest, PushResponse,
};
use crate::db::{self, Device};
use crate::error::ApiError;

/// The largest request body accepted (a push of shared snapshots); larger is `413`.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The API over `pool`.
pub fn router(pool: PgPool) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/v1/join", post(join))
        .route("/v1/me", get(me))
        .route("/v1/ops", get(pull).post(push))
        .route("/v1/leave", post(leave))
        .route("/v1/invites", post(invite))
        .route("/v1/devices", get(devices))
        .route("/v1/devices/{id}/revoke", post(revoke))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(pool)
}

fn json_error(e: &JsonRejection) -> ApiError {
    match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the request is larger than {MAX_BODY_BYTES} bytes; nothing was stored"),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_json",
            "send the request as JSON (Content-Type: application/json)",
        ),
        status => ApiError::new(
            if status.is_client_error() {
                status
            } else {
                StatusCode::BAD_REQUEST
            },
            "malformed",
            format!(
                "the request is not valid: {}; nothing was stored",
                e.body_text()
            ),
        ),
    }
}

/// The calling device, from `Authorization: Bearer <token>`.
struct Caller(Device);

impl FromRequestParts<PgPool> for Caller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, pool: &PgPool) -> Result<Self, ApiError> {
        let token = bearer(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        db::authenticate(pool, token).await.map(Caller)
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

async fn join(
    State(pool): State<PgPool>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<Json<JoinResponse>, ApiError> {
    let Json(req) = body.map_err(|e| json_error(&e))?;
    db::join(&pool, &req.code, &req.device_name).await.map(Json)
}

async fn me(State(pool): State<PgPool>, Caller(d): Caller) -> Result<Json<Me>, ApiError> {
    db::me(&pool, &d).await.map(Json)
}

async fn push(
    State(pool): State<PgPool>,
    Caller(d): Caller,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    let Json(req) = body.map_err(|e| json_error(&e))?;
    if req.ops.len() > 5_000 {
        return Err(ApiError::bad_request(
            "too_many",
            "at most 5000 ops per push; nothing was stored",
        ));
    }
    let out = db::push(&pool, &d, &req.ops).await?;
    tracing::info!(device = %d.public_id, ops = req.ops.len(), head = out.head, "push");
    Ok(Json(out))
}

async fn pull(
    State(pool): State<PgPool>,
    Caller(d): Caller,
    q: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let Query(q) = q.map_err(|e| {
        ApiError::bad_request(
            "malformed",
            format!("the query is not valid: {}", e.body_text()),
        )
    })?;
    let limit = q.limit.unwrap_or(500);
    if !(1..=1000).contains(&limit) || q.after < 0 {
        return Err(ApiError::bad_request(
            "malformed",
            "after must be ≥ 0 and limit between 1 and 1000",
        ));
    }
    let (ops, head, more) = db::pull(&pool, &d, q.after, limit).await?;
    Ok(Json(PullResponse { ops, head, more }))
}

async fn leave(State(pool): State<PgPool>, Caller(d): Caller) -> Result<StatusCode, ApiError> {
    db::revoke(&pool, &d.public_id, Some(d.workspace_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn require_admin(d: &Device) -> Result<(), ApiError> {
    if d.role.can_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "only an admin can invite or revoke devices; your role is {}",
            d.role
        )))
    }
}

async fn invite(
    State(pool): State<PgPool>,
    Caller(d): Caller,
    body: Result<Json<InviteRequest>, JsonRejection>,
) -> Result<Json<Invite>, ApiError> {
    require_admin(&d)?;
    let Json(req) = body.map_err(|e| json_error(&e))?;
    let hours = req.expires_in_hours.unwrap_or(72);
    if !(1..=720).contains(&hours) {
        return Err(ApiError::bad_request(
            "malformed",
            "expires_in_hours must be between 1 and 720",
        ));
    }
    db::create_invite(
        &pool,
        &d.workspace,
        req.role,
        chrono::Duration::hours(hours),
    )
    .await
    .map(Json)
    .map_err(|e| ApiError::bad_request("malformed", e.to_string()))
}

async fn devices(
    State(pool): State<PgPool>,
    Caller(d): Caller,
) -> Result<Json<Vec<DeviceInfo>>, ApiError> {
    require_admin(&d)?;
    db::devices(&pool, Some(d.workspace_id)).await.map(Json)
}

async fn revoke(
    State(pool): State<PgPool>,
    Caller(d): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    require_admin(&d)?;
    if db::revoke(&pool, &id, Some(d.workspace_id)).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no active device '{id}' in this workspace"),
        ))
    }
}
