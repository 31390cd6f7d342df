from tests.permissions import Row

REGIONAL = {"regional_officer"}


def _published(w):
    from .factories import published_call

    return {"pk": published_call().pk}


def _published_topic(w):
    from .factories import published_call

    call = published_call()
    return {"pk": call.pk, "topic_pk": call.topics.first().pk}


def _published_document(w):
    from apps.attachments.tests.factories import AttachmentFactory

    from .factories import published_call

    call = published_call()
    return {
        "pk": call.pk,
        "attachment_pk": AttachmentFactory(owner=call, kind="guide", original_name="申报指南.pdf").pk,
    }


def _draft(w):
    from .factories import CallFactory, TopicFactory

    call = CallFactory()
    TopicFactory(call=call)
    return {"pk": call.pk}


def _draft_topic(w):
    from .factories import TopicFactory

    topic = TopicFactory()
    return {"pk": topic.call_id, "topic_pk": topic.pk}


def _adopted_demand(w):
    from apps.demands.models import Demand
    from apps.demands.tests.factories import DemandFactory

    return {"demand_pk": DemandFactory(status=Demand.Status.ADOPTED).pk}


MATRIX = [
    Row("calls:public_list", public=True),
    Row("calls:public_detail", _published, public=True),
    Row("calls:public_topic", _published_topic, public=True),
    Row("calls:public_document", _published_document, public=True),
    Row("calls:manage_list", allow=REGIONAL),
    Row("calls:manage_list", allow=REGIONAL, query="format=xlsx", note="the .xlsx export (apps.core.listing)"),
    Row("calls:create", allow=REGIONAL),
    Row("calls:manage_detail", _draft, allow=REGIONAL),
    Row("calls:edit", _draft, allow=REGIONAL),
    Row("calls:publish", _draft, method="post", allow=REGIONAL),
    Row("calls:close_applications", _published, method="post", allow=REGIONAL),
    Row("calls:start_review", _published, method="post", allow=REGIONAL),
    Row("calls:conclude", _published, method="post", allow=REGIONAL),
    Row("calls:topic_create", _draft, allow=REGIONAL),
    Row("calls:topic_from_demand", _adopted_demand, allow=REGIONAL),
    Row("calls:topic_edit", _draft_topic, allow=REGIONAL),
    Row("calls:topic_delete", _draft_topic, method="post", allow=REGIONAL),
]
