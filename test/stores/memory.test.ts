import { InMemoryStore } from "../../src/core/storage/index.js";
import { storageContract } from "./contract.js";

storageContract("InMemoryStore", async () => new InMemoryStore());
